import { beforeEach, describe, expect, it, vi } from 'vitest';

type Session = typeof import('../../renderer/state/review-session.js');
let session: Session;

beforeEach(async () => {
  // A fresh window: the session is module state.
  vi.resetModules();
  session = await import('../../renderer/state/review-session.js');
});

function decide(imageIds: number[], label: string, decisionId: number) {
  return session.recordDecision({
    kind: 'label',
    label,
    imageIds,
    firstName: `R0${imageIds[0]}.JPG`,
    firstBefore: null,
    decisionId: Promise.resolve(decisionId),
  });
}

describe('review session (this window’s decisions)', () => {
  it('starts empty: a fresh window has nothing to undo', () => {
    expect(session.canUndo()).toBe(false);
    expect(session.takeUndo()).toBeUndefined();
    expect(session.sessionDecisions()).toEqual([]);
  });

  it('undoes the last decision, or the last one on a given photo', () => {
    const a = decide([1], 'clear', 11);
    const b = decide([2], 'clogged', 12);
    expect(session.canUndo(3)).toBe(false);
    expect(session.takeUndo(3)).toBeUndefined();
    expect(session.takeUndo(1)).toBe(a);
    session.markUndone(a);
    expect(session.takeUndo()).toBe(b);
  });

  it('lists every decision with its undone state, and a new decision ends redo', () => {
    const a = decide([1], 'clear', 11);
    decide([2], 'clogged', 12);
    session.markUndone(session.takeUndo()!);
    expect(session.sessionDecisions().map((d) => [d.seq, d.undone])).toEqual([
      [1, false],
      [2, true],
    ]);
    expect(session.canRedo()).toBe(true);
    decide([3], 'clear', 13);
    expect(session.canRedo()).toBe(false);
    // The undone decision stays in the list, marked undone.
    expect(session.sessionDecisions().map((d) => d.undone)).toEqual([false, true, false]);
    expect(session.sessionDecisions()[0]?.imageIds).toEqual(a.imageIds);
  });

  it('redo makes the same entry current again with the new decision id', async () => {
    const a = decide([1], 'clear', 11);
    session.markUndone(session.takeUndo()!);
    const again = session.takeRedo(1)!;
    expect(again).toBe(a);
    session.markRedone(again, 21);
    expect(await session.takeUndo()!.decisionId).toBe(21);
    expect(session.sessionDecisions()).toHaveLength(1);
    expect(session.sessionDecisions()[0]?.undone).toBe(false);
  });

  it('tells subscribers about every change, with a new snapshot each time', () => {
    const seen: number[] = [];
    const stop = session.subscribeSession(() => seen.push(session.sessionDecisions().length));
    const before = session.sessionDecisions();
    const a = decide([1], 'clear', 11);
    expect(session.sessionDecisions()).not.toBe(before);
    session.dropDecision(a);
    stop();
    decide([2], 'clear', 12);
    expect(seen).toEqual([1, 0]);
  });
});
