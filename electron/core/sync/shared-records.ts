/**
 * The records laptops exchange (in a bundle, through the hub): everything is keyed by
 * what is the same on every laptop, never by a local row id. Photos by sha256, imports
 * by their origin ('<device id>/<import id>' of the library that read the card), label
 * events by their globally unique id.
 */

export interface SharedImport {
  origin: string;
  source: string;
  startedAt: string;
  finishedAt: string | null;
}

export interface SharedImage {
  sha256: string;
  importOrigin: string;
  ext: string;
  format: string;
  originalName: string;
  sourcePath: string;
  sizeBytes: number;
  width: number;
  height: number;
  capturedAt: string;
  capturedFrom: 'exif' | 'file';
  tubeRow: number | null;
  tubeCol: number | null;
  importedAt: string;
}

export interface SharedModel {
  id: string;
  name: string;
  version: string;
  fileSha256: string;
  manifestJson: string;
  labelsJson: string;
  addedAt: string;
}

export interface SharedPrediction {
  sha256: string;
  modelId: string;
  label: string;
  confidence: number;
  scoresJson: string;
  /** float32 little-endian, base64. */
  embedding: string | null;
  createdAt: string;
}

export interface SharedEvent {
  uid: string;
  deviceId: string;
  deviceSeq: number;
  /** The decision on its device: one key press may label several photos. */
  deviceDecision: number;
  lamport: number;
  sha256: string;
  oldLabel: string | null;
  newLabel: string | null;
  reviewer: string;
  at: string;
  modelId: string | null;
  kind: string;
  /** Reverted by an undo on its device (only ever goes from false to true). */
  undone: boolean;
  /** The events this decision saw as the photo's current ones. */
  parents: string[];
}

/** One change of a photo's note (migration 8), keyed by its globally unique id. */
export interface SharedNoteEvent {
  uid: string;
  deviceId: string;
  deviceSeq: number;
  lamport: number;
  sha256: string;
  oldNote: string | null;
  newNote: string | null;
  author: string;
  at: string;
}

/** Everything about some photos, as one laptop knows it. */
export interface SharedSlice {
  imports: SharedImport[];
  images: SharedImage[];
  models: SharedModel[];
  predictions: SharedPrediction[];
  events: SharedEvent[];
  /** Note changes; absent from bundles of version 1 and from hubs without schema 2. */
  noteEvents?: SharedNoteEvent[];
}
