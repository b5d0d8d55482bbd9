#!/usr/bin/env python3
"""Train an Inspection Desk image classifier and write model.onnx, model.json and MODEL_CARD.md.

    /usr/bin/python3 models/training/train.py --data DIR --out models/<id>/ [--epochs N --seed S --size 224]

DIR is an Inspection Desk export (folder per class, optionally split into train/val/test,
or labels.csv) or any folder in the same layout; see inspection_data.py and README.md.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import platform
import random
import re
import shlex
import shutil
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

# Must be set before torch loads OpenMP: with the default spin-waiting, 2 training threads on a
# 2-core machine shared with other work run several times slower than with passive waits.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import numpy as np
import torch
import torchvision
from PIL import Image
from torch import nn
from torch.utils.data import DataLoader, Dataset, WeightedRandomSampler
from torchvision import transforms as T

sys.path.insert(0, str(Path(__file__).resolve().parent))
import inspection_data as data  # noqa: E402
import nets  # noqa: E402
import onnx_export  # noqa: E402

MEAN = [0.485, 0.456, 0.406]
STD = [0.229, 0.224, 0.225]
SEMVER = re.compile(r"^(\d+)\.(\d+)\.(\d+)$")
REPO_ROOT = Path(__file__).resolve().parents[2]


def parse_args(argv: Optional[Sequence[str]] = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", required=True, type=Path, help="dataset folder (export layout or labels.csv)")
    p.add_argument("--out", required=True, type=Path, help="output folder, e.g. models/pipe-obstruction/")
    p.add_argument("--id", help="model id in model.json (default: name of --out)")
    p.add_argument("--version", help="semver for model.json (default: bump the minor of the model already in --out, else 1.0.0)")
    p.add_argument("--name", help="display name (default: from the id)")
    p.add_argument("--description", help="one sentence for model.json")
    p.add_argument("--arch", default="mobilenet", choices=sorted(nets.ARCHITECTURES))
    p.add_argument("--width", type=float, default=0.5, help="channel width multiplier")
    p.add_argument("--dropout", type=float, default=0.2)
    p.add_argument("--size", type=int, default=160, help="square input size in pixels")
    p.add_argument("--epochs", type=int, default=40, help="maximum epochs")
    p.add_argument("--patience", type=int, default=15, help="stop after this many epochs without a better validation score")
    p.add_argument("--batch-size", type=int, default=32)
    p.add_argument("--lr", type=float, default=3e-3, help="peak AdamW learning rate (cosine schedule, 3 warm-up epochs)")
    p.add_argument("--weight-decay", type=float, default=0.02)
    p.add_argument("--label-smoothing", type=float, default=0.05)
    p.add_argument("--balance", choices=["sampler", "loss", "both"], default="sampler",
                   help="class imbalance: weighted sampler, class-weighted loss, or both")
    p.add_argument("--crop-scale", type=float, default=0.7, help="smallest area fraction kept by the random crop")
    p.add_argument("--rotation", type=float, default=15.0, help="max random rotation in degrees")
    p.add_argument("--jitter", type=float, default=0.3, help="brightness/contrast/saturation jitter")
    p.add_argument("--hue", type=float, default=0.0, help="hue jitter (0 = off; costly on CPU)")
    p.add_argument("--val-fraction", type=float, default=0.15, help="used only when the data has no validation split")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--notes", type=Path, help="markdown file appended to the model card (e.g. what was tried)")
    p.add_argument("--predictions", type=Path, help="also write per-photo validation predictions to this CSV")
    p.add_argument("--checkpoint", type=Path, help="also save the PyTorch state dict here")
    p.add_argument("--no-bench", action="store_true", help="skip latency measurements")
    return p.parse_args(argv)


def seed_everything(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    torch.use_deterministic_algorithms(True, warn_only=True)


# --- data -----------------------------------------------------------------------------------


class RandomQuarterTurn:
    """Rotates a PIL image by 0, 90, 180 or 270 degrees, uniformly."""

    def __call__(self, image: Image.Image) -> Image.Image:
        turns = int(torch.randint(0, 4, (1,)).item())
        if turns == 0:
            return image
        return image.transpose([Image.Transpose.ROTATE_90, Image.Transpose.ROTATE_180,
                                Image.Transpose.ROTATE_270][turns - 1])


def train_transform(args: argparse.Namespace) -> T.Compose:
    """Augmentations that keep what an inspector sees: the pipe may be flipped, a bit rotated,
    framed differently, lit differently; the obstruction must stay in the picture."""
    return T.Compose([
        # A pipe cross-section has no "up" and a robot's camera can be mounted at any angle:
        # every multiple of 90 degrees is as likely as the photo's own orientation (1.0.0,
        # trained with +-15 degrees only, called every rotated clear photo obstructed).
        RandomQuarterTurn(),
        T.RandomApply([T.RandomRotation(args.rotation, interpolation=T.InterpolationMode.BILINEAR)], p=0.5),
        T.RandomResizedCrop(args.size, scale=(args.crop_scale, 1.0), ratio=(0.8, 1.25),
                            interpolation=T.InterpolationMode.BILINEAR),
        T.RandomHorizontalFlip(),
        T.RandomVerticalFlip(),
        T.ColorJitter(args.jitter, args.jitter, args.jitter, args.hue),
        # Darker cameras and unlit pipes: a quarter of the photos at 40-80% brightness.
        T.RandomApply([T.ColorJitter(brightness=(0.4, 0.8))], p=0.25),
        T.RandomGrayscale(0.15),
        T.ToTensor(),
        T.Normalize(MEAN, STD),
    ])


def eval_tensor(image: Image.Image, size: int) -> torch.Tensor:
    """Exactly the app's geometry: image is already decoded to fit 512x512; stretch with Lanczos."""
    return T.functional.normalize(T.functional.to_tensor(data.stretch_like_app(image, size, size)), MEAN, STD)


class PhotoDataset(Dataset):
    def __init__(self, images: List[Image.Image], targets: List[int], transform: T.Compose) -> None:
        self.images, self.targets, self.transform = images, targets, transform

    def __len__(self) -> int:
        return len(self.images)

    def __getitem__(self, index: int) -> Tuple[torch.Tensor, int]:
        return self.transform(self.images[index]), self.targets[index]


def load_images(samples: Sequence[data.Sample]) -> List[Image.Image]:
    return [data.load_like_app(s.path) for s in samples]


# --- metrics --------------------------------------------------------------------------------


def metrics(targets: Sequence[int], predicted: Sequence[int], labels: Sequence[str]) -> Dict[str, object]:
    k = len(labels)
    cm = np.zeros((k, k), dtype=int)  # rows: true label, columns: predicted label
    for t, p in zip(targets, predicted):
        cm[t, p] += 1
    per_class = {}
    recalls = []
    for i, label in enumerate(labels):
        support = int(cm[i].sum())
        predicted_count = int(cm[:, i].sum())
        recall = cm[i, i] / support if support else float("nan")
        precision = cm[i, i] / predicted_count if predicted_count else float("nan")
        if support:
            recalls.append(recall)
        per_class[label] = {"precision": float(precision), "recall": float(recall), "support": support}
    total = int(cm.sum())
    return {
        "n": total,
        "accuracy": float(np.trace(cm) / total) if total else float("nan"),
        "balanced_accuracy": float(np.mean(recalls)) if recalls else float("nan"),
        "per_class": per_class,
        "confusion": cm.tolist(),
    }


def evaluate(model: nn.Module, tensors: torch.Tensor, targets: torch.Tensor, labels: Sequence[str]) -> Dict[str, object]:
    model.eval()
    with torch.no_grad():
        logits = torch.cat([model(tensors[i:i + 64]) for i in range(0, len(tensors), 64)])
    probs = torch.softmax(logits, 1)
    nll = nn.functional.cross_entropy(logits, targets, reduction="none")
    # Each class weighs the same in the loss used to break ties between equal balanced accuracies.
    per_class_nll = [float(nll[targets == c].mean()) for c in range(len(labels)) if (targets == c).any()]
    result = metrics(targets.tolist(), probs.argmax(1).tolist(), labels)
    result["balanced_loss"] = float(np.mean(per_class_nll))
    result["probabilities"] = probs
    return result


# --- training -------------------------------------------------------------------------------


def train(args: argparse.Namespace, model: nn.Module, train_set: PhotoDataset, val_x: torch.Tensor,
          val_y: torch.Tensor, labels: Sequence[str]) -> Tuple[Dict[str, torch.Tensor], List[Dict[str, float]], int]:
    counts = Counter(train_set.targets)
    class_weight = torch.tensor([len(train_set) / (len(labels) * counts[c]) for c in range(len(labels))])
    sampler = None
    if args.balance in ("sampler", "both"):
        generator = torch.Generator().manual_seed(args.seed)
        sampler = WeightedRandomSampler([float(class_weight[t]) for t in train_set.targets], len(train_set),
                                        replacement=True, generator=generator)
    loader = DataLoader(train_set, batch_size=args.batch_size, sampler=sampler, shuffle=sampler is None,
                        num_workers=0, drop_last=True, generator=torch.Generator().manual_seed(args.seed))
    loss_weight = class_weight if args.balance in ("loss", "both") else None
    criterion = nn.CrossEntropyLoss(weight=loss_weight, label_smoothing=args.label_smoothing)
    decay = [p for n, p in model.named_parameters() if p.ndim > 1]
    no_decay = [p for n, p in model.named_parameters() if p.ndim <= 1]
    optimizer = torch.optim.AdamW([{"params": decay, "weight_decay": args.weight_decay},
                                   {"params": no_decay, "weight_decay": 0.0}], lr=args.lr)
    steps_per_epoch = len(loader)
    total_steps = args.epochs * steps_per_epoch
    warmup = 3 * steps_per_epoch

    def lr_at(step: int) -> float:
        if step < warmup:
            return (step + 1) / warmup
        return 0.5 * (1 + math.cos(math.pi * (step - warmup) / max(1, total_steps - warmup)))

    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, lr_at)
    best_key: Optional[Tuple[float, float]] = None
    best_state: Dict[str, torch.Tensor] = {}
    best_epoch = 0
    history: List[Dict[str, float]] = []
    for epoch in range(1, args.epochs + 1):
        start = time.time()
        model.train()
        running, seen = 0.0, 0
        for x, y in loader:
            optimizer.zero_grad(set_to_none=True)
            loss = criterion(model(x), y)
            loss.backward()
            optimizer.step()
            scheduler.step()
            running += float(loss) * len(y)
            seen += len(y)
        result = evaluate(model, val_x, val_y, labels)
        key = (round(result["balanced_accuracy"], 6), -result["balanced_loss"])
        improved = best_key is None or key > best_key
        if improved:
            best_key, best_epoch = key, epoch
            best_state = {k: v.detach().clone() for k, v in model.state_dict().items()}
        row = {"epoch": epoch, "train_loss": running / max(1, seen), "val_loss": result["balanced_loss"],
               "val_accuracy": result["accuracy"], "val_balanced_accuracy": result["balanced_accuracy"],
               "seconds": time.time() - start}
        history.append(row)
        print(f"epoch {epoch:3d}  train loss {row['train_loss']:.4f}  val loss {row['val_loss']:.4f}  "
              f"val acc {row['val_accuracy']:.3f}  val bal acc {row['val_balanced_accuracy']:.3f}  "
              f"{row['seconds']:.1f}s{'  *' if improved else ''}", flush=True)
        if epoch - best_epoch >= args.patience:
            print(f"early stop: no better validation score for {args.patience} epochs", flush=True)
            break
    return best_state, history, best_epoch


# --- outputs --------------------------------------------------------------------------------


def next_version(out: Path, explicit: Optional[str]) -> str:
    if explicit:
        if not SEMVER.match(explicit):
            raise SystemExit(f"--version {explicit!r} is not semver (MAJOR.MINOR.PATCH)")
        return explicit
    previous = out / "model.json"
    if previous.is_file():
        try:
            match = SEMVER.match(str(json.loads(previous.read_text())["version"]))
        except (ValueError, KeyError):
            match = None
        if match:
            return f"{match.group(1)}.{int(match.group(2)) + 1}.0"
    return "1.0.0"


def manifest(args: argparse.Namespace, model_id: str, version: str, labels: Sequence[str]) -> Dict[str, object]:
    name = args.name or model_id.replace("-", " ").replace("_", " ").capitalize() + " classifier"
    description = args.description or f"Classifies a photo as {', '.join(labels[:-1])} or {labels[-1]}."
    return {
        "schemaVersion": 2,
        "id": model_id,
        "version": version,
        "name": name,
        "description": description,
        "file": "model.onnx",
        "labels": list(labels),
        "input": {
            "name": onnx_export.INPUT_NAME,
            "layout": "NCHW",
            "width": args.size,
            "height": args.size,
            "colorOrder": "RGB",
            "resize": "stretch",
            "scaling": {"kind": "meanStd", "mean": MEAN, "std": STD},
        },
        "output": {"name": "probabilities", "type": "probabilities"},
        "embedding": {"name": "embedding"},
        "threshold": None,
    }


def torch_latency_ms(model: nn.Module, size: int, runs: int = 100) -> float:
    model.eval()
    x = torch.randn(1, 3, size, size)
    with torch.no_grad():
        for _ in range(10):
            model(x)
        times = []
        for _ in range(runs):
            t = time.perf_counter()
            model(x)
            times.append((time.perf_counter() - t) * 1000)
    return float(np.median(times))


def ort_latency(onnx_path: Path, size: int, threads: int) -> Optional[Dict[str, object]]:
    """Median ms per photo in onnxruntime-node (the app's runtime), if node and the package exist."""
    script = Path(__file__).resolve().parent / "bench_onnx.mjs"
    node = shutil.which("node")
    if not node or not (REPO_ROOT / "node_modules" / "onnxruntime-node").is_dir():
        return None
    command = [node, str(script), str(onnx_path), "--size", str(size), "--threads", str(threads), "--runs", "100"]
    try:
        completed = subprocess.run(command, capture_output=True, text=True, timeout=300, check=True)
        result = json.loads(completed.stdout.strip().splitlines()[-1])
    except (subprocess.SubprocessError, ValueError, IndexError) as error:
        print(f"onnxruntime-node benchmark failed: {error}", file=sys.stderr)
        return None
    display = [os.path.relpath(c, REPO_ROOT) if os.path.isabs(c) and c != node else c for c in command]
    result["command"] = " ".join(["node"] + display[1:])
    return result


def fmt(value: float) -> str:
    return "n/a" if value != value else f"{value:.3f}"


def metrics_markdown(result: Dict[str, object], labels: Sequence[str]) -> str:
    lines = [
        f"- photos: {result['n']}",
        f"- accuracy: **{fmt(result['accuracy'])}**",
        f"- balanced accuracy (mean per-class recall): **{fmt(result['balanced_accuracy'])}**",
        "",
        "| class | precision | recall | photos |",
        "| --- | --- | --- | --- |",
    ]
    for label in labels:
        c = result["per_class"][label]
        lines.append(f"| {label} | {fmt(c['precision'])} | {fmt(c['recall'])} | {c['support']} |")
    lines += ["", "Confusion matrix (rows: true label, columns: predicted):", "",
              "| true \\ predicted | " + " | ".join(labels) + " |",
              "| --- | " + " | ".join("---" for _ in labels) + " |"]
    for label, row in zip(labels, result["confusion"]):
        lines.append(f"| {label} | " + " | ".join(str(v) for v in row) + " |")
    return "\n".join(lines)


def write_card(path: Path, ctx: Dict[str, object]) -> None:
    args: argparse.Namespace = ctx["args"]
    labels = ctx["labels"]
    man = ctx["manifest"]
    shared = "pipe-obstructions" in str(args.data)
    credit = (
        "Trained on **precision ag subterranean v6, Purdue University, Roboflow Universe "
        "(universe.roboflow.com/purdue-university-niruh/precision-ag-subterranean), CC BY 4.0**. "
        "Image-level labels were derived from its object boxes: `clear` = no object, `obstructed` = one or "
        "more objects (block, dirt, leaf, metal piece, obstacles, root). The model is a derivative work of "
        "that dataset and carries the same attribution requirement."
        if shared else
        f"Trained on the photos in `{args.data}`; state their source and license here before shipping."
    )
    split_counts = ctx["split_counts"]
    bench = ctx["bench"]
    ort = bench.get("ort")
    speed = [f"- PyTorch eager, batch 1, {args.threads} threads, median of 100 runs: {bench['torch_ms']:.2f} ms"
             if bench.get("torch_ms") is not None else "- PyTorch latency not measured (--no-bench)"]
    if ort:
        speed.append(f"- onnxruntime-node {ort.get('ortVersion', '')} (the app's runtime), batch 1, "
                     f"{ort['threads']} intra-op threads, median of {ort['runs']} runs: **{ort['medianMs']:.2f} ms** "
                     f"(p90 {ort['p90Ms']:.2f} ms); command: `{ort['command']}`")
    else:
        speed.append("- onnxruntime-node latency: not measured here (node_modules/onnxruntime-node not installed); "
                     "run `node models/training/bench_onnx.mjs <model.onnx> --size N --threads 2`.")
    if bench.get("load") is not None:
        speed.append(f"- Machine load average when measured: {bench['load']:.1f} on {os.cpu_count()} cores "
                     "(other work on the machine slows these numbers down).")
    verification = ctx["verification"]
    notes = args.notes.read_text().strip() if args.notes else "Only this configuration was trained."
    test_section = ""
    if ctx.get("test_metrics"):
        test_section = "\n### Test split of the data folder (not used for any choice)\n\n" + metrics_markdown(ctx["test_metrics"], labels) + "\n"
    text = f"""# {man['name']} — model card

`{man['id']}` version {man['version']}. {man['description']}

## Intended use
Triage of inspection-robot photos in Inspection Desk: every photo gets a label and a confidence, and an
inspector reviews the least confident ones first and relabels mistakes. It is an aid to a human review,
not a replacement for it.

## Data and license
{credit}

- Layout read: {ctx['layout']} in `{args.data}`
- Validation photos: {ctx['val_how']}
- Photos per split and label: {'; '.join(f"{split}: " + ', '.join(f'{n} {label}' for label, n in counts.items()) for split, counts in split_counts.items())}
- Groups (photos of one source kept on one side): {ctx['group_note']}

## Input and preprocessing
- Input `input`: float32, NCHW, 1x3x{args.size}x{args.size} per photo (batch axis dynamic), RGB.
- Geometry (the app's): decode once, apply EXIF orientation, shrink to fit inside 512x512 (Lanczos),
  then stretch (ignore aspect) to {args.size}x{args.size} (Lanczos).
- Scaling: x/255, then subtract mean {MEAN} and divide by std {STD} per channel.
- Outputs: `probabilities` (1x{len(labels)}, softmax inside the graph, order {list(labels)}) and
  `embedding` (1x{ctx['embedding_size']}, global-average-pooled features before the classifier layer).
- Decision: argmax of `probabilities` (`threshold` is null).

## Model
- Architecture: `{args.arch}` width {args.width} ({ctx['params']:,} parameters), trained from scratch
  (no pretrained weights), dropout {args.dropout}.
- File: `model.onnx`, {ctx['onnx_bytes'] / 1e6:.2f} MB, sha256 `{ctx['onnx_sha256']}`, opset {verification['opset']},
  ops {', '.join(verification['ops'])}.
- Export check: onnx.checker passed; the ONNX graph, run by the {verification['evaluator']}, matched PyTorch on
  batches of {verification['batch_sizes']} validation photos with max abs difference
  {verification['max_abs_diff']['probabilities']:.2e} (probabilities) and {verification['max_abs_diff']['embedding']:.2e} (embedding).

## Training
- AdamW, peak lr {args.lr}, weight decay {args.weight_decay}, cosine schedule with 3 warm-up epochs,
  batch {args.batch_size}, label smoothing {args.label_smoothing}, up to {args.epochs} epochs, early stopping
  (patience {args.patience}) on validation balanced accuracy, ties broken by the class-balanced validation loss.
- Class imbalance: {args.balance} ({'weighted random sampler' if args.balance != 'loss' else ''}{' + ' if args.balance == 'both' else ''}{'class-weighted loss' if args.balance != 'sampler' else ''}).
- Augmentation: a random quarter turn (0/90/180/270°, uniform), then random rotation up to {args.rotation}° (p=0.5), random resized crop keeping {args.crop_scale:.0%}–100% of
  the area (aspect 0.8–1.25), horizontal and vertical flips, brightness/contrast/saturation jitter {args.jitter},
  hue jitter {args.hue}, 40–80% brightness (p=0.25), 15% grayscale; augmented from a copy of the 512 px decode shrunk to
  {round(args.size * 1.3)} px (the random crop still shrinks).
- Seed {args.seed}; deterministic algorithms on; {args.threads} CPU threads; best epoch {ctx['best_epoch']} of
  {len(ctx['history'])} run, {ctx['train_minutes']:.1f} min on {platform.machine()} CPU.
- Software: Python {platform.python_version()}, torch {torch.__version__}, torchvision {torchvision.__version__}.

## Metrics on the validation photos
These photos chose the epoch, so they are a slightly optimistic estimate of unseen photos.

{metrics_markdown(ctx['val_metrics'], labels)}
{test_section}
## Speed
{chr(10).join(speed)}

## Known limits
- Few examples of the minority class: every validation error on it moves balanced accuracy a lot, so
  the numbers above carry wide uncertainty.
- Trained on photos inside small drainage pipes; other pipes, lighting, cameras or tube types (for example
  the reboiler tubes) need photos of their own: review the app's predictions and retrain with the export.
- A photo where the obstruction is very small, out of frame or hidden by glare can be labeled clear.
- Confidence is a softmax score, not a calibrated probability.

## What was tried
{notes}

## Rebuild
```
{ctx['command']}
```
"""
    path.write_text(text)


# --- main -----------------------------------------------------------------------------------


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = parse_args(argv)
    torch.set_num_threads(args.threads)
    seed_everything(args.seed)
    started = time.time()

    samples, layout = data.discover(args.data)
    train_samples, val_samples, test_samples, val_how = data.assign_splits(samples, args.val_fraction, args.seed)
    labels = sorted({s.label for s in samples})
    index = {label: i for i, label in enumerate(labels)}
    missing = [l for l in labels if not any(s.label == l for s in train_samples)]
    if missing:
        raise SystemExit(f"no training photos labeled {missing}; add some or drop the label")
    split_counts = {name: dict(sorted(Counter(s.label for s in part).items()))
                    for name, part in (("train", train_samples), ("val", val_samples), ("test", test_samples)) if part}
    groups = {name: len({s.group for s in part}) for name, part in (("train", train_samples), ("val", val_samples))}
    group_note = f"{groups['train']} in train, {groups['val']} in val"
    print(f"{layout}: {split_counts}; validation = {val_how}; groups {group_note}", flush=True)

    load_start = time.time()
    train_images = load_images(train_samples)
    val_images = load_images(val_samples)
    print(f"decoded {len(train_images) + len(val_images)} photos in {time.time() - load_start:.1f}s", flush=True)
    val_x = torch.stack([eval_tensor(im, args.size) for im in val_images])
    val_y = torch.tensor([index[s.label] for s in val_samples])
    # Augment from a copy a little larger than the model input: the random crop still shrinks,
    # and rotating/cropping a 512 px image for every sample would dominate a CPU epoch.
    side = round(args.size * 1.3)
    train_small = [im.copy() for im in train_images]
    for im in train_small:
        im.thumbnail((side, side), Image.LANCZOS)
    train_set = PhotoDataset(train_small, [index[s.label] for s in train_samples], train_transform(args))

    model = nets.build(args.arch, len(labels), args.width, args.dropout)
    params = sum(p.numel() for p in model.parameters())
    print(f"{args.arch} width {args.width}: {params:,} parameters", flush=True)
    best_state, history, best_epoch = train(args, model, train_set, val_x, val_y, labels)
    model.load_state_dict(best_state)
    model.eval()
    val_result = evaluate(model, val_x, val_y, labels)
    print(f"best epoch {best_epoch}: val accuracy {val_result['accuracy']:.3f}, balanced accuracy "
          f"{val_result['balanced_accuracy']:.3f}, confusion {val_result['confusion']}", flush=True)

    test_result = None
    if test_samples:
        test_x = torch.stack([eval_tensor(im, args.size) for im in load_images(test_samples)])
        test_y = torch.tensor([index[s.label] for s in test_samples])
        test_result = evaluate(model, test_x, test_y, labels)
        print(f"test: accuracy {test_result['accuracy']:.3f}, balanced accuracy {test_result['balanced_accuracy']:.3f}")

    wrapper = nets.ExportWrapper(model).eval()
    onnx_bytes = onnx_export.export_bytes(wrapper, args.size)
    checks = [val_x[:1], val_x[1:4]] if len(val_x) >= 4 else [val_x[:1]]
    verification = onnx_export.verify(onnx_bytes, wrapper, checks)
    print(f"ONNX check ({verification['evaluator']}): max abs diff {verification['max_abs_diff']}", flush=True)

    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    model_id = args.id or out.resolve().name
    version = next_version(out, args.version)
    man = manifest(args, model_id, version, labels)
    (out / "model.onnx").write_bytes(onnx_bytes)
    (out / "model.json").write_text(json.dumps(man, indent=2) + "\n")
    if args.checkpoint:
        torch.save({"state_dict": best_state, "args": vars(args), "labels": labels}, args.checkpoint)
    if args.predictions:
        import csv
        with args.predictions.open("w", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["path", "label", "predicted"] + [f"p_{l}" for l in labels])
            for sample, probs in zip(val_samples, val_result["probabilities"].tolist()):
                writer.writerow([str(sample.path), sample.label, labels[int(np.argmax(probs))]] + [f"{p:.6f}" for p in probs])

    bench: Dict[str, object] = {}
    if not args.no_bench:
        bench["torch_ms"] = torch_latency_ms(model, args.size)
        bench["ort"] = ort_latency(out / "model.onnx", args.size, args.threads)
        bench["load"] = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
        print(f"latency: torch {bench['torch_ms']:.2f} ms" +
              (f", onnxruntime-node {bench['ort']['medianMs']:.2f} ms" if bench.get("ort") else ""), flush=True)

    command = " ".join(shlex.quote(a) for a in ["/usr/bin/python3", os.path.relpath(__file__, REPO_ROOT)] +
                       list(sys.argv[1:] if argv is None else argv))
    write_card(out / "MODEL_CARD.md", {
        "args": args, "labels": labels, "manifest": man, "layout": layout, "val_how": val_how,
        "split_counts": split_counts, "group_note": group_note, "params": params,
        "embedding_size": model.embedding_size, "onnx_bytes": len(onnx_bytes),
        "onnx_sha256": hashlib.sha256(onnx_bytes).hexdigest(), "verification": verification,
        "val_metrics": val_result, "test_metrics": test_result, "history": history, "best_epoch": best_epoch,
        "train_minutes": (time.time() - started) / 60, "bench": bench,
        "command": f"cd <repo root> && {command}",
    })
    print(f"wrote {out / 'model.onnx'} ({len(onnx_bytes) / 1e6:.2f} MB), model.json (version {version}), MODEL_CARD.md")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except data.DatasetError as error:
        print(f"error: {error}", file=sys.stderr)
        sys.exit(2)
