/**
 * "Unsure / skip" and notes (issue 11) as the inspector uses them: U on the focused photo,
 * a note typed in the photo view (review keys typed into it do nothing), the Unsure
 * filter, and an export that leaves unsure photos out unless asked, then lists them with
 * the note in labels.csv. Screenshots of the grid and the photo view in both languages.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, openScreen, setSettings, test, type Desk } from './desk.js';

function thumb(page: Page, imageId: number | string) {
  return page.locator(`[data-testid=thumb][data-image-id="${imageId}"]`);
}

function focusedThumb(page: Page) {
  return page.locator('[data-testid=thumb][data-focused=true]');
}

async function focusedId(page: Page): Promise<number> {
  return Number(await focusedThumb(page).getAttribute('data-image-id'));
}

async function detailOf(desk: Desk, imageId: number) {
  return desk.server.core.invoke('library.get', { imageId });
}

/** Typed with the keyboard: commas, quotes, pt-BR accents, review keys (z, 1, Space, u). */
const NOTE_LINE_1 = 'Mancha escura, "óleo"? z 1 u';
const NOTE_LINE_2 = 'rever com lanterna — não é obstrução';
const NOTE = `${NOTE_LINE_1}\n${NOTE_LINE_2}`;

test('marks a photo unsure with U, writes a note, filters by Unsure and exports it', async ({
  page,
  desk,
}) => {
  await setSettings(desk, { reviewer: 'Ana Souza' });
  await desk.importCard({ photos: 16 });
  const core = desk.server.core;

  await openScreen(page, desk, 'review');
  await expect(focusedThumb(page)).toHaveAttribute('data-index', '0');
  // A first photo labeled, so the reviewed-only export has something besides it.
  const labeled = await focusedId(page);
  await page.keyboard.press('Space');
  await expect(thumb(page, labeled)).toHaveAttribute('data-reviewed', 'true');

  // U: the focused photo is unsure (no label), the focus moves on like any decision.
  const unsure = await focusedId(page);
  const predicted = (await detailOf(desk, unsure)).predicted;
  await page.keyboard.press('u');
  await expect(thumb(page, unsure)).toHaveAttribute('data-unsure', 'true');
  await expect(thumb(page, unsure)).toHaveAttribute('data-reviewed', 'false');
  await expect(thumb(page, unsure)).toContainText('Incerta');
  await expect(thumb(page, unsure)).toContainText(`modelo: ${predicted}`);
  await expect(focusedThumb(page)).toHaveAttribute('data-index', '2');
  await expect.poll(async () => (await detailOf(desk, unsure)).unsure).toBe(true);
  expect((await detailOf(desk, unsure)).label).toBeNull();
  // The counters: one reviewed (the label), one unsure (not counted as reviewed).
  await expect(page.getByTestId('review-counts')).toContainText('1 de 16 revisadas');
  await expect(page.getByTestId('review-unsure-count')).toHaveText(' · 1 incerta');

  // Back to it, open it: the photo view says who marked it unsure.
  await page.keyboard.press('ArrowLeft');
  await expect(focusedThumb(page)).toHaveAttribute('data-image-id', String(unsure));
  await page.keyboard.press('Enter');
  const view = page.getByTestId('photo-view');
  await expect(view).toBeVisible();
  const name = (await detailOf(desk, unsure)).originalName;
  await expect(page.getByTestId('photo-name')).toHaveText(name);
  await expect(page.getByTestId('photo-unsure')).toContainText(
    'Marcada como incerta por Ana Souza',
  );

  // N: the note field. Review keys typed there are text, nothing else.
  await page.keyboard.press('n');
  const note = page.getByTestId('note-input');
  await expect(note).toBeFocused();
  await expect(note).toHaveValue('');
  await page.keyboard.type(NOTE_LINE_1);
  await page.keyboard.press('Enter');
  await page.keyboard.type(NOTE_LINE_2);
  await page.keyboard.press('Space');
  await expect(note).toHaveValue(`${NOTE} `);
  await expect(page.getByTestId('note-status')).toHaveAttribute('data-status', 'unsaved');
  await expect(page.getByTestId('photo-name')).toHaveText(name);
  // Esc: back to the photo (still open), the note saved on the way out, visibly.
  await page.keyboard.press('Escape');
  await expect(note).not.toBeFocused();
  await expect(view).toBeVisible();
  await expect(page.getByTestId('note-status')).toHaveAttribute('data-status', 'saved');
  await expect(page.getByTestId('note-status')).toContainText('Ana Souza');
  const saved = await detailOf(desk, unsure);
  expect(saved.note?.text).toBe(NOTE);
  expect(saved).toMatchObject({ unsure: true, label: null });
  expect(saved.history.map((e) => e.newLabel)).toEqual(['(unsure)']);
  // The history lists the unsure answer and the note.
  const history = page.getByTestId('photo-history');
  await expect(history.getByTestId('history-event')).toContainText('Incerta');
  await expect(history.getByTestId('history-note')).toContainText('Ana Souza escreveu a nota');
  await expect(history.getByTestId('history-note')).toContainText(NOTE_LINE_2);
  await desk.screen(page, 'unsure-photo-note-pt-BR');

  await page.keyboard.press('Escape');
  await expect(view).toHaveCount(0);
  await desk.screen(page, 'unsure-grid-pt-BR');

  // The shortcuts list U.
  await page.keyboard.press('?');
  await expect(page.getByTestId('shortcuts')).toContainText('Incerta / pular');
  await page.keyboard.press('Escape');

  // The Unsure filter: only that photo, and the counter says so.
  await page.getByTestId('filter-unsure').selectOption('only');
  await expect(page.locator('[data-testid=thumb]')).toHaveCount(1);
  await expect(thumb(page, unsure)).toBeVisible();
  await expect(page.getByTestId('review-counts')).toContainText('1 foto');
  expect((await core.invoke('library.count', { filter: { unsure: true } })).total).toBe(1);
  // "Not reviewed" + "Without unsure": the queue still to review leaves it out.
  await page.getByTestId('filter-reviewed').selectOption('no');
  await page.getByTestId('filter-unsure').selectOption('without');
  await expect(thumb(page, unsure)).toHaveCount(0);
  const toReview = await core.invoke('library.count', {
    filter: { reviewed: false, unsure: false },
  });
  expect(toReview.total).toBeGreaterThan(0);
  await expect(page.locator('[data-testid=thumb]')).toHaveCount(toReview.total);
  await page.getByTestId('filter-reviewed').selectOption('any');
  await page.getByTestId('filter-unsure').selectOption('any');
  await expect(page.locator('[data-testid=thumb]')).toHaveCount(16);

  // Export, reviewed only: the unsure photo is left out, and the plan says so.
  const dest = path.join(desk.root, 'export', 'with-unsure');
  await openScreen(page, desk, 'export');
  await expect(page.getByTestId('export-reviewed-only')).toBeChecked();
  await expect(page.getByTestId('export-include-unsure')).not.toBeChecked();
  await page.getByTestId('export-dest').fill(dest);
  await page.getByTestId('export-preview').click();
  await expect(page.getByTestId('export-unsure-left-out')).toContainText(
    '1 foto marcada como incerta fica de fora',
  );
  await expect(page.getByTestId('export-plan')).toContainText('1 foto');
  // Asked for: listed without a label, with the note.
  await page.getByTestId('export-include-unsure').check();
  await page.getByTestId('export-preview').click();
  await expect(page.getByTestId('export-unsure-included')).toContainText(
    '1 foto marcada como incerta é listada sem rótulo',
  );
  await page.getByTestId('export-write').click();
  await expect(page.getByTestId('export-done')).toBeVisible({ timeout: 60_000 });

  const sha = (await detailOf(desk, unsure)).sha256;
  const labelsCsv = readFileSync(path.join(dest, 'labels.csv'), 'utf8');
  const [header, ...rows] = labelsCsv.split('\r\n');
  expect(header).toMatch(/,unsure,note$/);
  const row = rows.find((r) => r.includes(sha)) ?? '';
  expect(row.startsWith(`_unsure/`)).toBe(true);
  // Empty label, unsure=true, the note quoted (quotes doubled, the line break inside).
  expect(row.split(',')[1]).toBe('');
  expect(labelsCsv).toContain(
    `,true,"Mancha escura, ""óleo""? z 1 u\nrever com lanterna — não é obstrução"`,
  );
  expect(readFileSync(path.join(dest, 'metadata.csv'), 'utf8')).toContain(
    '"Mancha escura, ""óleo""? z 1 u\nrever com lanterna — não é obstrução"',
  );
  expect(readdirSync(path.join(dest, '_unsure'))).toHaveLength(1);
});

test('shows the unsure photo and its note in English', async ({ page, desk }) => {
  await setSettings(desk, { reviewer: 'Ana Souza', language: 'en' });
  await desk.importCard({ photos: 16 });
  const core = desk.server.core;
  const { items } = await core.invoke('library.list', { limit: 20 });
  await core.invoke('review.accept', { imageIds: [items[0]!.id] });
  await core.invoke('review.markUnsure', { imageIds: [items[1]!.id] });
  await core.invoke('review.setNote', { imageId: items[1]!.id, text: NOTE });

  await openScreen(page, desk, 'review');
  await expect(thumb(page, items[1]!.id)).toContainText('Unsure');
  await desk.screen(page, 'unsure-grid-en');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('photo-unsure')).toContainText('Marked unsure by Ana Souza');
  await expect(page.getByTestId('note-input')).toHaveValue(NOTE);
  await expect(page.getByTestId('history-note')).toContainText('Ana Souza wrote the note');
  await desk.screen(page, 'unsure-photo-note-en');

  // Editing and saving with the button; the photo view stays on the same photo.
  await page.getByTestId('note-input').fill('checked with a torch: oil stain');
  await expect(page.getByTestId('note-status')).toContainText('Not saved yet');
  await page.getByTestId('note-save').click();
  await expect(page.getByTestId('note-status')).toHaveAttribute('data-status', 'saved');
  await expect.poll(async () => (await detailOf(desk, items[1]!.id)).noteHistory?.length).toBe(2);
  await expect(page.getByTestId('history-note')).toHaveCount(2);
});
