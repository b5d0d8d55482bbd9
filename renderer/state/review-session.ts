/**
 * This window's review session: the decisions made here, newest last, each with the
 * core's decision id, and which of them are undone. Undo and redo walk it (never a
 * decision of an earlier session or another window), and the decisions panel lists it.
 *
 * Module state lives as long as the page and outlasts the screens (the review workspace
 * is rebuilt on every filter change; a photo opened from the summary shares the session);
 * a reload starts a new session with nothing to undo.
 */

/** One decision of this session, as the inspector saw it. */
export interface SessionDecision {
  /** 1, 2, 3… in the order made: a stable key. */
  seq: number;
  kind: 'label' | 'accept' | 'unsure';
  /** The label set (for `accept`: the model's label of the first photo). */
  label: string | null;
  imageIds: number[];
  /** The first photo's name and label before the decision (to say what undo restores). */
  firstName: string | null;
  firstBefore: string | null;
  /** When it was made (ms since the epoch). */
  at: number;
  /** The core's id of the decision; null when nothing changed (or not answered yet). */
  decisionId: Promise<number | null>;
  /** Reverted by an undo (and not redone since). */
  undone: boolean;
}

export type NewDecision = Omit<SessionDecision, 'seq' | 'at' | 'undone'>;

let done: SessionDecision[] = [];
let undone: SessionDecision[] = [];
/** Every decision still meaningful to show, in the order made. */
let log: SessionDecision[] = [];
let seq = 0;
let snapshot: readonly SessionDecision[] = [];
const listeners = new Set<() => void>();

function changed(): void {
  // A new array and new objects: React compares snapshots by identity.
  snapshot = log.map((d) => ({ ...d }));
  for (const listener of listeners) listener();
}

/** Records a decision just sent; a later decision ends what could be redone. */
export function recordDecision(decision: NewDecision, now = Date.now()): SessionDecision {
  const entry: SessionDecision = { ...decision, seq: ++seq, at: now, undone: false };
  done.push(entry);
  undone = [];
  log.push(entry);
  changed();
  return entry;
}

/** Forgets a decision the core refused or that changed nothing. */
export function dropDecision(entry: SessionDecision): void {
  done = done.filter((d) => d !== entry);
  undone = undone.filter((d) => d !== entry);
  log = log.filter((d) => d !== entry);
  changed();
}

/**
 * Takes the decision to undo off the stack (so two quick presses undo two): the last
 * one, or with `imageId` the last one that changed that photo.
 */
export function takeUndo(imageId?: number): SessionDecision | undefined {
  let index = done.length - 1;
  if (imageId !== undefined) {
    while (index >= 0 && !done[index]!.imageIds.includes(imageId)) index--;
  }
  if (index < 0) return undefined;
  const [entry] = done.splice(index, 1);
  return entry;
}

/** The core reverted it: it can be redone. */
export function markUndone(entry: SessionDecision): void {
  entry.undone = true;
  undone.push(entry);
  changed();
}

/** The core refused the undo: the decision stays as it was. */
export function restoreDone(entry: SessionDecision): void {
  done.push(entry);
  done.sort((a, b) => a.seq - b.seq);
}

/** Takes the decision to redo: the last undone, or the last undone on `imageId`. */
export function takeRedo(imageId?: number): SessionDecision | undefined {
  let index = undone.length - 1;
  if (imageId !== undefined) {
    while (index >= 0 && !undone[index]!.imageIds.includes(imageId)) index--;
  }
  if (index < 0) return undefined;
  const [entry] = undone.splice(index, 1);
  return entry;
}

/** Applied again as a new core decision (`decisionId`), or back on the redo stack (null). */
export function markRedone(entry: SessionDecision, decisionId: number | null): void {
  if (decisionId === null) {
    // Nothing changed (the photos already had that label): nothing left to undo either.
    log = log.filter((d) => d !== entry);
  } else {
    entry.undone = false;
    entry.decisionId = Promise.resolve(decisionId);
    done.push(entry);
  }
  changed();
}

export function restoreUndone(entry: SessionDecision): void {
  undone.push(entry);
}

export function canUndo(imageId?: number): boolean {
  return imageId === undefined ? done.length > 0 : done.some((d) => d.imageIds.includes(imageId));
}

export function canRedo(imageId?: number): boolean {
  return imageId === undefined
    ? undone.length > 0
    : undone.some((d) => d.imageIds.includes(imageId));
}

/** The session's decisions in the order made (a stable snapshot for React). */
export function sessionDecisions(): readonly SessionDecision[] {
  return snapshot;
}

export function subscribeSession(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
