"""Tests for the training tools, on photos they generate (no dataset needed).

    /usr/bin/python3 -m unittest discover -s models/training -p 'test_*.py'
"""

from __future__ import annotations

import csv
import json
import sys
import tempfile
import unittest
from pathlib import Path

from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent))
import inspection_data as data  # noqa: E402


def photo(path: Path, color, size=(64, 48)) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, color).save(path)
    return path


class DiscoverTest(unittest.TestCase):
    def setUp(self) -> None:
        self.tmp = tempfile.TemporaryDirectory()
        self.root = Path(self.tmp.name)

    def tearDown(self) -> None:
        self.tmp.cleanup()

    def test_folder_per_class(self) -> None:
        photo(self.root / "clear" / "a.jpg", (0, 0, 0))
        photo(self.root / "obstructed" / "b.png", (255, 0, 0))
        photo(self.root / "obstructed" / ".hidden.jpg", (255, 0, 0))
        (self.root / "obstructed" / "notes.txt").write_text("not a photo")
        samples, layout = data.discover(self.root)
        self.assertEqual(layout, "folder per class")
        self.assertEqual(sorted((s.path.name, s.label, s.split) for s in samples),
                         [("a.jpg", "clear", None), ("b.png", "obstructed", None)])

    def test_split_folders(self) -> None:
        photo(self.root / "train" / "clear" / "a.jpg", (0, 0, 0))
        photo(self.root / "train" / "obstructed" / "b.jpg", (9, 0, 0))
        photo(self.root / "val" / "clear" / "c.jpg", (0, 9, 0))
        photo(self.root / "test" / "obstructed" / "d.jpg", (0, 0, 9))
        samples, _ = data.discover(self.root)
        self.assertEqual({s.path.name: s.split for s in samples}, {"a.jpg": "train", "b.jpg": "train", "c.jpg": "val", "d.jpg": "test"})
        train, val, test, how = data.assign_splits(samples, 0.2, 0)
        self.assertEqual(([s.path.name for s in val], [s.path.name for s in test]), (["c.jpg"], ["d.jpg"]))
        self.assertIn("own validation split", how)

    def test_app_labels_csv(self) -> None:
        photo(self.root / "images" / "a.jpg", (0, 0, 0))
        photo(self.root / "images" / "b.jpg", (200, 0, 0))
        photo(self.root / "images" / "c.jpg", (0, 200, 0))
        with (self.root / "labels.csv").open("w", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["path", "label", "predicted", "confidence", "reviewer", "reviewed_at", "sha256", "split"])
            writer.writerow(["images/a.jpg", "clear", "clear", "0.9", "ana", "2025-01-01", "AA", "train"])
            writer.writerow(["images/b.jpg", "obstructed", "clear", "0.6", "ana", "2025-01-01", "bb", "val"])
            writer.writerow(["images/c.jpg", "", "clear", "0.7", "", "", "cc", "train"])  # not reviewed
        samples, layout = data.discover(self.root)
        self.assertEqual(layout, "labels.csv")
        self.assertEqual([(s.path.name, s.label, s.split, s.group) for s in samples],
                         [("a.jpg", "clear", "train", "sha256:aa"), ("b.jpg", "obstructed", "val", "sha256:bb")])

    def test_shared_dataset_csv_and_roboflow_groups(self) -> None:
        rows = []
        for source, label in (("1", "clear"), ("2", "obstructed"), ("3", "obstructed"), ("4", "clear")):
            for copy in range(3):
                name = f"train/images/{source}_jpg.rf.{copy}abc.jpg"
                photo(self.root / name, (int(source) * 40, copy, 0))
                rows.append(["train", name, label, ""])
        with (self.root / "labels.csv").open("w", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["split", "file", "label", "objects"])
            writer.writerows(rows)
        samples, _ = data.discover(self.root)
        self.assertEqual(len({s.group for s in samples}), 4)
        train, val, _, how = data.assign_splits(samples, 0.5, 7)
        self.assertIn("group-aware", how)
        self.assertFalse({s.group for s in train} & {s.group for s in val})
        self.assertEqual({s.label for s in val}, {"clear", "obstructed"})
        # Same seed, same split.
        again = data.assign_splits(samples, 0.5, 7)[1]
        self.assertEqual([s.path for s in val], [s.path for s in again])

    def test_exported_roboflow_names_keep_their_group(self) -> None:
        # The app's export renames `1_jpg.rf.0abc.jpg` to `1_jpg.rf.0abc_<sha256[:12]>.jpg`.
        exported = Path("clear/1_jpg.rf.0abc_0123456789ab.jpg")
        self.assertEqual(data.group_key(exported, "ff" * 32), "source:1")
        self.assertEqual(data.group_key(Path("clear/1_jpg.rf.1abc.jpg")), "source:1")

    def test_missing_photo_is_a_clear_error(self) -> None:
        (self.root / "labels.csv").write_text("path,label\nnope.jpg,clear\n")
        with self.assertRaisesRegex(data.DatasetError, "do not exist"):
            data.discover(self.root)

    def test_single_label_is_refused(self) -> None:
        photo(self.root / "clear" / "a.jpg", (0, 0, 0))
        with self.assertRaisesRegex(data.DatasetError, "two labels"):
            data.discover(self.root)

    def test_load_like_app_orients_and_fits_512(self) -> None:
        path = self.root / "rotated.jpg"
        image = Image.new("RGB", (1000, 600), (10, 20, 30))
        exif = image.getexif()
        exif[0x0112] = 6  # rotate 90° clockwise when displayed
        image.save(path, exif=exif.tobytes())
        loaded = data.load_like_app(path)
        self.assertEqual(loaded.size, (307, 512))
        self.assertEqual(data.stretch_like_app(loaded, 224, 224).size, (224, 224))

    def test_load_like_app_flattens_transparency_on_white(self) -> None:
        path = self.root / "transparent.png"
        Image.new("RGBA", (20, 10), (255, 0, 0, 0)).save(path)
        loaded = data.load_like_app(path)
        self.assertEqual((loaded.mode, loaded.getpixel((0, 0))), ("RGB", (255, 255, 255)))


class TrainEndToEndTest(unittest.TestCase):
    """A two-epoch run on tiny generated photos writes a valid model folder."""

    def test_train_writes_model_folder(self) -> None:
        import train

        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp) / "export"
            for i in range(12):
                photo(root / "bright" / f"b{i}.jpg", (200 + i, 200, 200), (80, 80))
                photo(root / "dark" / f"d{i}.jpg", (10 + i, 10, 10), (80, 80))
            out = Path(tmp) / "models" / "toy"
            code = train.main(["--data", str(root), "--out", str(out), "--arch", "resnet-tiny", "--size", "32",
                               "--epochs", "2", "--batch-size", "8", "--no-bench"])
            self.assertEqual(code, 0)
            manifest = json.loads((out / "model.json").read_text())
            self.assertEqual(manifest["labels"], ["bright", "dark"])
            self.assertEqual(manifest["version"], "1.0.0")
            self.assertEqual(manifest["input"]["width"], 32)
            self.assertEqual(sorted(manifest), sorted([
                "schemaVersion", "id", "version", "name", "description", "file", "labels", "input", "output",
                "embedding", "threshold"]))
            self.assertTrue((out / "model.onnx").stat().st_size > 0)
            self.assertIn("Rebuild", (out / "MODEL_CARD.md").read_text())
            # Retraining into the same folder bumps the version.
            train.main(["--data", str(root), "--out", str(out), "--arch", "resnet-tiny", "--size", "32",
                        "--epochs", "1", "--batch-size", "8", "--no-bench"])
            self.assertEqual(json.loads((out / "model.json").read_text())["version"], "1.1.0")


if __name__ == "__main__":
    unittest.main()
