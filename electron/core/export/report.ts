/**
 * The inspection report: one self-contained HTML file (no script, no network) that the
 * inspector opens offline or attaches to an e-mail. It says what was found: counts per
 * label, how much a person reviewed, which tubes are flagged and where, with the photos
 * (relative links to the exported files, so the report works wherever the export goes).
 */
import type { ExportItem, ExportModel } from './plan.js';

export type ReportLanguage = 'pt-BR' | 'en';

/** Label taken as "nothing to report" when present; otherwise the most common label. */
export const NORMAL_LABEL = 'clear';
/** Photos shown with a thumbnail; the rest are listed in labels.csv. */
export const MAX_REPORT_PHOTOS = 1000;
/** Larger tube sheets are described, not drawn. */
const MAX_MAP_CELLS = 40_000;

const TEXT = {
  en: {
    title: 'Inspection report',
    created: 'Created',
    model: 'Model',
    noModel: 'none (reviewer labels only)',
    photos: 'Photos exported',
    reviewedBy: 'Reviewed by a person',
    onlyReviewed: 'Only photos reviewed by a person were exported.',
    unlabeled: 'Photos without any label (not exported)',
    perLabel: 'Photos per label',
    label: 'Label',
    count: 'Photos',
    reviewed: 'Reviewed',
    modelOnly: 'Model only',
    cardReviewed: 'reviewed',
    cardModelOnly: 'model only',
    split: 'Split',
    normalIs: (label: string) => `Flagged: any label other than “${label}”.`,
    tubes: 'Tubes',
    tubesSeen: 'Tubes photographed',
    tubesFlagged: 'Tubes flagged',
    map: 'Tube map (row × column; red = flagged, green = normal)',
    mapTooLarge: 'The tube sheet is too large to draw here.',
    flaggedTubes: 'Flagged tubes',
    flaggedPhotos: 'Flagged photos without a tube position',
    flaggedAll: 'Flagged photos',
    position: 'Position',
    photo: 'Photo',
    confidence: 'Model confidence',
    yes: 'yes',
    no: 'no',
    none: 'Nothing flagged.',
    more: (n: number) => `… and ${n} more: see labels.csv.`,
    row: 'row',
    col: 'column',
  },
  'pt-BR': {
    title: 'Relatório de inspeção',
    created: 'Criado em',
    model: 'Modelo',
    noModel: 'nenhum (só rótulos de revisores)',
    photos: 'Fotos exportadas',
    reviewedBy: 'Revisadas por uma pessoa',
    onlyReviewed: 'Somente fotos revisadas por uma pessoa foram exportadas.',
    unlabeled: 'Fotos sem nenhum rótulo (não exportadas)',
    perLabel: 'Fotos por rótulo',
    label: 'Rótulo',
    count: 'Fotos',
    reviewed: 'Revisadas',
    modelOnly: 'Só o modelo',
    cardReviewed: 'revisada',
    cardModelOnly: 'só o modelo',
    split: 'Divisão',
    normalIs: (label: string) => `Sinalizado: qualquer rótulo diferente de “${label}”.`,
    tubes: 'Tubos',
    tubesSeen: 'Tubos fotografados',
    tubesFlagged: 'Tubos sinalizados',
    map: 'Mapa dos tubos (linha × coluna; vermelho = sinalizado, verde = normal)',
    mapTooLarge: 'O espelho é grande demais para ser desenhado aqui.',
    flaggedTubes: 'Tubos sinalizados',
    flaggedPhotos: 'Fotos sinalizadas sem posição de tubo',
    flaggedAll: 'Fotos sinalizadas',
    position: 'Posição',
    photo: 'Foto',
    confidence: 'Confiança do modelo',
    yes: 'sim',
    no: 'não',
    none: 'Nada sinalizado.',
    more: (n: number) => `… e mais ${n}: veja labels.csv.`,
    row: 'linha',
    col: 'coluna',
  },
} as const;

export interface ReportInput {
  items: readonly ExportItem[];
  model: ExportModel | null;
  createdAt: string;
  reviewedOnly: boolean;
  unlabeled: number;
  language: ReportLanguage;
}

/** An ISO time as the reader's clock shows it, in the report's language (not raw UTC). */
export function localDateTime(iso: string, language: ReportLanguage): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(language, { dateStyle: 'short', timeStyle: 'short' }).format(date);
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** A relative URL to an exported file: each path segment percent-encoded. */
function fileUrl(relPath: string): string {
  return relPath.split('/').map(encodeURIComponent).join('/');
}

/** "clear" when present, else the most common label (ties: alphabetical). */
export function normalLabelOf(items: readonly Pick<ExportItem, 'label'>[]): string | null {
  const counts = new Map<string, number>();
  for (const { label } of items) counts.set(label, (counts.get(label) ?? 0) + 1);
  if (counts.has(NORMAL_LABEL)) return NORMAL_LABEL;
  let best: string | null = null;
  for (const [label, n] of [...counts].sort((a, b) => a[0].localeCompare(b[0]))) {
    if (best === null || n > (counts.get(best) ?? 0)) best = label;
  }
  return best;
}

interface TubeState {
  row: number;
  col: number;
  /** The latest photo of the tube decides its state. */
  item: ExportItem;
}

/** One entry per tube position: its latest photo (by capture time, then id). */
export function latestPerTube(items: readonly ExportItem[]): TubeState[] {
  const tubes = new Map<string, TubeState>();
  for (const item of items) {
    if (item.tubeRow === null || item.tubeCol === null) continue;
    const key = `${item.tubeRow}:${item.tubeCol}`;
    const seen = tubes.get(key);
    const newer =
      !seen ||
      item.capturedAt > seen.item.capturedAt ||
      (item.capturedAt === seen.item.capturedAt && item.imageId > seen.item.imageId);
    if (newer) tubes.set(key, { row: item.tubeRow, col: item.tubeCol, item });
  }
  return [...tubes.values()].sort((a, b) => a.row - b.row || a.col - b.col);
}

function tubeMap(
  tubes: readonly TubeState[],
  normal: string | null,
  t: (typeof TEXT)[ReportLanguage],
): string {
  if (tubes.length === 0) return '';
  const rows = Math.max(...tubes.map((x) => x.row));
  const cols = Math.max(...tubes.map((x) => x.col));
  if (rows * cols > MAX_MAP_CELLS) return `<p>${escapeHtml(t.mapTooLarge)}</p>`;
  const cell = 10;
  const cells = tubes
    .map((x) => {
      const flagged = x.item.label !== normal;
      const title = `${t.row} ${x.row}, ${t.col} ${x.col}: ${x.item.label}`;
      return `<rect x="${(x.col - 1) * cell}" y="${(x.row - 1) * cell}" width="${cell - 1}" height="${cell - 1}" fill="${flagged ? '#d64545' : '#4caf50'}"><title>${escapeHtml(title)}</title></rect>`;
    })
    .join('');
  return `<figure><figcaption>${escapeHtml(t.map)}</figcaption><svg xmlns="http://www.w3.org/2000/svg" width="${cols * cell}" height="${rows * cell}" viewBox="0 0 ${cols * cell} ${rows * cell}" role="img"><rect width="100%" height="100%" fill="#eee"/>${cells}</svg></figure>`;
}

function photoCard(item: ExportItem, t: (typeof TEXT)[ReportLanguage]): string {
  const position =
    item.tubeRow !== null && item.tubeCol !== null
      ? `<div class="pos">${escapeHtml(`${t.row} ${item.tubeRow}, ${t.col} ${item.tubeCol}`)}</div>`
      : '';
  const image = item.relPath
    ? `<a href="${escapeHtml(fileUrl(item.relPath))}"><img loading="lazy" src="${escapeHtml(fileUrl(item.relPath))}" alt="${escapeHtml(item.originalName)}"></a>`
    : '';
  const confidence =
    item.confidence !== null ? `${t.confidence}: ${(item.confidence * 100).toFixed(0)}%` : '';
  return `<figure class="card">${image}<figcaption>${position}<strong>${escapeHtml(item.label)}</strong> · ${escapeHtml(item.reviewed ? t.cardReviewed : t.cardModelOnly)}<br>${escapeHtml(item.originalName)}<br><small>${escapeHtml(confidence)}</small></figcaption></figure>`;
}

function photoGrid(items: readonly ExportItem[], t: (typeof TEXT)[ReportLanguage]): string {
  if (items.length === 0) return `<p>${escapeHtml(t.none)}</p>`;
  const shown = items
    .slice(0, MAX_REPORT_PHOTOS)
    .map((i) => photoCard(i, t))
    .join('');
  const more =
    items.length > MAX_REPORT_PHOTOS
      ? `<p>${escapeHtml(t.more(items.length - MAX_REPORT_PHOTOS))}</p>`
      : '';
  return `<div class="grid">${shown}</div>${more}`;
}

/** Renders the report. */
export function renderReport(input: ReportInput): string {
  const t = TEXT[input.language];
  const { items } = input;
  const normal = normalLabelOf(items);
  const reviewed = items.filter((i) => i.reviewed).length;

  const perLabel = new Map<string, { total: number; reviewed: number }>();
  for (const item of items) {
    const entry = perLabel.get(item.label) ?? { total: 0, reviewed: 0 };
    entry.total++;
    if (item.reviewed) entry.reviewed++;
    perLabel.set(item.label, entry);
  }
  const labelRows = [...perLabel]
    .sort((a, b) => b[1].total - a[1].total || a[0].localeCompare(b[0]))
    .map(
      ([label, c]) =>
        `<tr><td>${escapeHtml(label)}${label === normal ? '' : ' ⚑'}</td><td>${c.total}</td><td>${c.reviewed}</td><td>${c.total - c.reviewed}</td></tr>`,
    )
    .join('');

  const tubes = latestPerTube(items);
  const flaggedTubes = tubes.filter((x) => x.item.label !== normal);
  const flaggedLoose = items.filter(
    (i) => (i.tubeRow === null || i.tubeCol === null) && i.label !== normal,
  );
  const modelText = input.model ? `${input.model.name} (${input.model.id})` : t.noModel;

  const tubeSection = tubes.length
    ? `<h2>${escapeHtml(t.tubes)}</h2>
<table class="facts"><tr><th>${escapeHtml(t.tubesSeen)}</th><td>${tubes.length}</td></tr>
<tr><th>${escapeHtml(t.tubesFlagged)}</th><td>${flaggedTubes.length}</td></tr></table>
${tubeMap(tubes, normal, t)}
<h3>${escapeHtml(t.flaggedTubes)}</h3>
${photoGrid(
  flaggedTubes.map((x) => x.item),
  t,
)}`
    : '';
  const looseSection =
    flaggedLoose.length || !tubes.length
      ? `<h2>${escapeHtml(tubes.length ? t.flaggedPhotos : t.flaggedAll)}</h2>${photoGrid(flaggedLoose, t)}`
      : '';

  return `<!doctype html>
<html lang="${input.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(t.title)}</title>
<style>
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem auto;max-width:1100px;padding:0 1rem;color:#222}
h1{margin-bottom:.2rem}table{border-collapse:collapse;margin:.5rem 0 1rem}
td,th{border:1px solid #ccc;padding:.3rem .6rem;text-align:left}th{background:#f4f4f4}
.grid{display:flex;flex-wrap:wrap;gap:.75rem}.card{margin:0;width:180px;font-size:13px;overflow-wrap:anywhere}
.card img{width:180px;height:135px;object-fit:cover;border:1px solid #ccc;background:#eee}
.pos{font-weight:600}svg{max-width:100%;height:auto;border:1px solid #ccc}
@media print{.card{break-inside:avoid}}
</style>
</head>
<body>
<h1>${escapeHtml(t.title)}</h1>
<table class="facts">
<tr><th>${escapeHtml(t.created)}</th><td>${escapeHtml(localDateTime(input.createdAt, input.language))}</td></tr>
<tr><th>${escapeHtml(t.model)}</th><td>${escapeHtml(modelText)}</td></tr>
<tr><th>${escapeHtml(t.photos)}</th><td>${items.length}</td></tr>
<tr><th>${escapeHtml(t.reviewedBy)}</th><td>${reviewed}</td></tr>
<tr><th>${escapeHtml(t.unlabeled)}</th><td>${input.unlabeled}</td></tr>
</table>
${input.reviewedOnly ? `<p>${escapeHtml(t.onlyReviewed)}</p>` : ''}
<h2>${escapeHtml(t.perLabel)}</h2>
${normal ? `<p>${escapeHtml(t.normalIs(normal))}</p>` : ''}
<table><tr><th>${escapeHtml(t.label)}</th><th>${escapeHtml(t.count)}</th><th>${escapeHtml(t.reviewed)}</th><th>${escapeHtml(t.modelOnly)}</th></tr>${labelRows}</table>
${tubeSection}
${looseSection}
</body>
</html>
`;
}
