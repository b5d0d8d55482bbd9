"""Finding labeled photos in a dataset folder and preparing them like the app does.

Two layouts are understood, so that an Inspection Desk export can be trained on as-is:

* folder per class: ``DIR/<label>/*.jpg`` or, for a split export,
  ``DIR/train/<label>/``, ``DIR/val/<label>/``, ``DIR/test/<label>/``;
* a ``labels.csv`` in DIR: the app's export (``path,label,...,sha256`` with an optional
  ``split`` column of train/val/test) or the shared pipe-obstructions dataset
  (``split,file,label,objects`` with train/valid). A Hugging Face ``metadata.csv``
  (``file_name,label``) is read the same way.

Preprocessing copies the app's geometry (electron/core imaging with sharp): decode once,
apply the EXIF orientation, shrink to fit inside 512x512 with Lanczos, then stretch to
the model's width x height with Lanczos.
"""

from __future__ import annotations

import csv
import hashlib
import random
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

from PIL import Image, ImageOps

IMAGE_EXTENSIONS = {".jpg", ".jpeg", ".png", ".bmp", ".webp", ".tif", ".tiff"}
# The app decodes every photo once into a buffer that fits inside this box.
APP_DECODE_MAX_SIDE = 512

SPLIT_ALIASES = {
    "train": "train",
    "training": "train",
    "val": "val",
    "valid": "val",
    "validation": "val",
    "dev": "val",
    "test": "test",
    "testing": "test",
}
PATH_COLUMNS = ("path", "file", "file_name", "filename", "image", "image_path")
# `<source>_jpg.rf.<hash>`: Roboflow's augmented copies of one source photo. An Inspection
# Desk export appends `_<first 12 hex of the sha256>` to keep names unique, so that
# suffix is allowed (the whole sha256 on a rare clash): copies of one photo must stay
# together after a round trip too.
ROBOFLOW_NAME = re.compile(
    r"^(?P<source>.+?)_(?:jpe?g|png|bmp|webp)\.rf\.[0-9a-f]+(?:_[0-9a-f]{12}|_[0-9a-f]{64})?$", re.IGNORECASE
)


class DatasetError(Exception):
    """The data folder cannot be used for training; the message says why and what to do."""


@dataclass(frozen=True)
class Sample:
    path: Path
    label: str
    split: Optional[str]  # "train" | "val" | "test" | None (not assigned)
    group: str  # photos sharing a group stay on one side of any split


def normalize_split(value: Optional[str]) -> Optional[str]:
    if value is None or value.strip() == "":
        return None
    key = value.strip().lower()
    if key not in SPLIT_ALIASES:
        raise DatasetError(f"unknown split value {value!r}; expected one of train/val/valid/test")
    return SPLIT_ALIASES[key]


def group_key(path: Path, sha256: Optional[str] = None) -> str:
    """Roboflow source id when the name has one, else the sha256 (given or computed)."""
    match = ROBOFLOW_NAME.match(path.stem)
    if match:
        return "source:" + match.group("source")
    if sha256:
        return "sha256:" + sha256.strip().lower()
    return "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()


def _is_image_file(path: Path) -> bool:
    return path.is_file() and not path.name.startswith(".") and path.suffix.lower() in IMAGE_EXTENSIONS


def _visible_dirs(folder: Path) -> List[Path]:
    return sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))


def _read_csv(csv_path: Path, data_dir: Path) -> List[Sample]:
    with csv_path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames is None:
            raise DatasetError(f"{csv_path} is empty")
        columns = {name.strip().lower(): name for name in reader.fieldnames}
        path_column = next((columns[c] for c in PATH_COLUMNS if c in columns), None)
        label_column = columns.get("label")
        if path_column is None or label_column is None:
            raise DatasetError(
                f"{csv_path} needs a path column ({'/'.join(PATH_COLUMNS)}) and a label column; "
                f"found {', '.join(reader.fieldnames)}"
            )
        split_column = columns.get("split")
        sha_column = columns.get("sha256")
        rows = list(reader)

    samples: List[Sample] = []
    missing: List[str] = []
    for row in rows:
        label = (row.get(label_column) or "").strip()
        if not label:
            continue  # an unreviewed / unlabeled photo in an export: nothing to learn from
        relative = (row.get(path_column) or "").strip()
        path = Path(relative)
        if not path.is_absolute():
            path = data_dir / path
        if not path.is_file():
            missing.append(relative)
            continue
        split = normalize_split(row.get(split_column)) if split_column else None
        if split_column is None:
            # A split export may encode the split only as the top folder of each path.
            top = Path(relative).parts[0].lower() if Path(relative).parts else ""
            split = SPLIT_ALIASES.get(top) if len(Path(relative).parts) > 2 else None
        sha = (row.get(sha_column) or "").strip() if sha_column else None
        samples.append(Sample(path, label, split, group_key(path, sha)))
    if missing:
        raise DatasetError(
            f"{len(missing)} photo(s) listed in {csv_path.name} do not exist under {data_dir} "
            f"(first: {missing[0]}); paths must be relative to the folder holding {csv_path.name}"
        )
    if split_column is None and any(s.split for s in samples) and not all(s.split for s in samples):
        samples = [Sample(s.path, s.label, None, s.group) for s in samples]
    return samples


def _read_folders(data_dir: Path) -> List[Sample]:
    subdirs = _visible_dirs(data_dir)
    split_dirs = [d for d in subdirs if d.name.lower() in SPLIT_ALIASES]
    samples: List[Sample] = []
    if split_dirs:
        for split_dir in split_dirs:
            split = SPLIT_ALIASES[split_dir.name.lower()]
            for class_dir in _visible_dirs(split_dir):
                for path in sorted(class_dir.iterdir()):
                    if _is_image_file(path):
                        samples.append(Sample(path, class_dir.name, split, group_key(path)))
    else:
        for class_dir in subdirs:
            for path in sorted(class_dir.iterdir()):
                if _is_image_file(path):
                    samples.append(Sample(path, class_dir.name, None, group_key(path)))
    return samples


def discover(data_dir: Path) -> Tuple[List[Sample], str]:
    """All labeled photos in data_dir and a short description of the layout found."""
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        raise DatasetError(f"data folder {data_dir} does not exist")
    for name in ("labels.csv", "metadata.csv"):
        csv_path = data_dir / name
        if csv_path.is_file():
            samples = _read_csv(csv_path, data_dir)
            layout = name
            break
    else:
        samples = _read_folders(data_dir)
        layout = "folder per class"
    if not samples:
        raise DatasetError(
            f"no labeled photos found in {data_dir}: expected labels.csv, metadata.csv, "
            "<label>/*.jpg or train|val|test/<label>/*.jpg"
        )
    labels = sorted({s.label for s in samples})
    if len(labels) < 2:
        raise DatasetError(f"need at least two labels to train a classifier; found only {labels}")
    return samples, layout


def group_split(
    samples: Sequence[Sample], val_fraction: float, seed: int
) -> Tuple[List[Sample], List[Sample]]:
    """Split whole groups, stratified by each group's majority label, with a fixed seed."""
    groups: Dict[str, List[Sample]] = defaultdict(list)
    for sample in samples:
        groups[sample.group].append(sample)
    by_label: Dict[str, List[str]] = defaultdict(list)
    for key in sorted(groups):
        majority = Counter(s.label for s in groups[key]).most_common(1)[0][0]
        by_label[majority].append(key)
    rng = random.Random(seed)
    val_groups = set()
    for label in sorted(by_label):
        keys = by_label[label]
        rng.shuffle(keys)
        count = max(1, round(len(keys) * val_fraction)) if len(keys) > 1 else 0
        val_groups.update(keys[:count])
    train = [s for s in samples if s.group not in val_groups]
    val = [s for s in samples if s.group in val_groups]
    return train, val


def assign_splits(
    samples: Sequence[Sample], val_fraction: float, seed: int
) -> Tuple[List[Sample], List[Sample], List[Sample], str]:
    """train, val, test lists and how val was obtained."""
    test = [s for s in samples if s.split == "test"]
    val = [s for s in samples if s.split == "val"]
    pool = [s for s in samples if s.split in ("train", None)]
    if not pool:
        raise DatasetError("no training photos: every photo is in the val or test split")
    if val:
        return pool, val, test, "the data's own validation split"
    train, val = group_split(pool, val_fraction, seed)
    how = f"a group-aware {val_fraction:.0%} split of the training photos (seed {seed})"
    return train, val, test, how


def load_like_app(path: Path, max_side: int = APP_DECODE_MAX_SIDE) -> Image.Image:
    """Decode as the app does: EXIF auto-orient, transparency flattened onto white, RGB,
    fit inside max_side x max_side (Lanczos), never enlarged."""
    with Image.open(path) as image:
        image = ImageOps.exif_transpose(image)
        if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
            rgba = image.convert("RGBA")
            image = Image.new("RGB", rgba.size, (255, 255, 255))
            image.paste(rgba, mask=rgba.getchannel("A"))
        else:
            image = image.convert("RGB")
    width, height = image.size
    if max(width, height) > max_side:
        scale = max_side / max(width, height)
        size = (max(1, round(width * scale)), max(1, round(height * scale)))
        image = image.resize(size, Image.LANCZOS)
    return image


def stretch_like_app(image: Image.Image, width: int, height: int) -> Image.Image:
    """The app's final resize: fill (ignore aspect) to width x height with Lanczos."""
    if image.size == (width, height):
        return image
    return image.resize((width, height), Image.LANCZOS)
