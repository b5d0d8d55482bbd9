/**
 * The inspection report the plant manager files: one self-contained HTML page (no
 * script, no network, thumbnails inlined) that prints well to PDF. Per inspection:
 * tube counts, the tube map, the flagged tubes with their photos, what changed since the
 * previous inspection, who reviewed and which model at which version. Dates are written
 * in the reader's time zone and language; long names wrap instead of overlapping.
 */
import { readFileSync } from 'node:fs';
import type { InspectionReport, TubeLayout, TubeState } from '../../contract.js';
import { renderCoreMessage, type CoreMessageKey } from '../../shared/core-messages/index.js';
import type { MessageValues } from '../../shared/format-message.js';
import type { Language } from '../../shared/language.js';
import { placeTubes } from '../../shared/tube-layout.js';
import { activeModelIdOf } from '../library/active-model.js';
import { thumbPath, type Db, type LibraryPaths } from '../library/database.js';
import { compareInspections } from './compare.js';
import { readLayout } from './layout.js';
import { getInspection, photosOfInspectionSql, previousInspection } from './store.js';
import { inspectionSummary } from './summary.js';

/** Page numbers at the foot of each printed page (Chromium's print templates). */
export const PDF_FOOTER =
  '<div style="font:8px system-ui,sans-serif;color:#777;width:100%;text-align:center"><span class="pageNumber"></span> / <span class="totalPages"></span></div>';

/** Flagged tubes shown with a photo; more are counted (the map shows them all). */
export const MAX_FLAGGED_PHOTOS = 300;

export interface ReportOptions {
  language: Language;
  timeZone?: string;
  now: Date;
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** A time zone the runtime knows, else the machine's (a wrong zone must not fail a report). */
function usableTimeZone(timeZone: string | undefined): string | undefined {
  if (!timeZone) return undefined;
  try {
    new Intl.DateTimeFormat('en', { timeZone }).format(0);
    return timeZone;
  } catch {
    return undefined;
  }
}

const LABEL_COLORS = ['#1b7a3a', '#b3261e', '#b26a00', '#5b3fa6', '#00677d', '#8a4b2a'];

function colorOf(label: string | null, normal: string | null, order: string[]): string {
  if (label === null) return '#8a8a8a';
  if (label === normal) return LABEL_COLORS[0] as string;
  const others = order.filter((l) => l !== normal);
  const index = others.indexOf(label);
  return LABEL_COLORS[1 + ((index < 0 ? 0 : index) % (LABEL_COLORS.length - 1))] as string;
}

function thumbDataUrl(paths: LibraryPaths, state: TubeState): string | null {
  const sha256 = state.thumbUrl.replace(/^.*\//, '').replace(/\.webp$/, '');
  try {
    return `data:image/webp;base64,${readFileSync(thumbPath(paths, sha256)).toString('base64')}`;
  } catch {
    return null;
  }
}

function tubeMapSvg(
  tubes: TubeState[],
  layout: TubeLayout | null,
  normal: string | null,
  order: string[],
  title: (t: TubeState) => string,
): string {
  const geometry = placeTubes(tubes, layout);
  const pad = geometry.rowLabels.length > 0 ? 0.9 : 0;
  // A little room for the flagged outline of the edge tubes.
  const x0 = geometry.minX - pad - 0.1;
  const y0 = geometry.minY - pad - 0.1;
  const w = geometry.width + pad + 0.2;
  const h = geometry.height + pad + 0.2;
  const r = geometry.diameter / 2;
  const cells = geometry.cells
    .map(({ tube, place }) => {
      if (!tube) {
        return `<circle cx="${place.x}" cy="${place.y}" r="${r}" fill="none" stroke="#bbb" stroke-width="0.05"/>`;
      }
      const color = colorOf(tube.label, normal, order);
      const stroke = tube.flagged ? ' stroke="#b3261e" stroke-width="0.1"' : '';
      return `<circle cx="${place.x}" cy="${place.y}" r="${r}" fill="${color}" fill-opacity="${tube.reviewed ? 1 : 0.45}"${stroke}><title>${escapeHtml(title(tube))}</title></circle>`;
    })
    .join('');
  const axis = [
    ...geometry.rowLabels.map(
      (l) =>
        `<text x="${geometry.minX - 0.15}" y="${l.y + 0.15}" text-anchor="end" font-size="0.42" fill="#555">${l.row}</text>`,
    ),
    ...geometry.colLabels.map(
      (l) =>
        `<text x="${l.x}" y="${geometry.minY - 0.15}" text-anchor="middle" font-size="0.42" fill="#555">${l.col}</text>`,
    ),
  ].join('');
  // About 8 mm per tube pitch at most: a small sheet should not fill the page.
  return `<svg class="map" xmlns="http://www.w3.org/2000/svg" viewBox="${x0} ${y0} ${w} ${h}" style="max-width:${Math.ceil(w * 8)}mm" role="img" preserveAspectRatio="xMinYMin meet">${axis}${cells}</svg>`;
}

const CSS = `
  @page { size: A4; margin: 14mm 12mm; }
  * { box-sizing: border-box; }
  body { font: 10.5pt/1.4 system-ui, "DejaVu Sans", Arial, sans-serif; color: #1d1d1f; margin: 0; padding: 16px; max-width: 1000px; }
  @media print { body { padding: 0; } }
  h1 { font-size: 18pt; margin: 0 0 4px; overflow-wrap: anywhere; }
  h2 { font-size: 13pt; margin: 18px 0 6px; border-bottom: 1px solid #ccc; padding-bottom: 2px; break-after: avoid; }
  dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 8px 0; }
  dl.facts dt { color: #555; }
  dl.facts dd { margin: 0; overflow-wrap: anywhere; min-width: 0; }
  .counts { display: flex; flex-wrap: wrap; gap: 8px; margin: 6px 0; }
  .count { border: 1px solid #ccc; border-radius: 6px; padding: 6px 10px; min-width: 110px; }
  .count b { display: block; font-size: 15pt; }
  .swatch { display: inline-block; width: 10px; height: 10px; border-radius: 50%; margin-right: 4px; vertical-align: baseline; }
  .map { width: 100%; max-height: 150mm; display: block; margin: 6px 0; }
  .legend { color: #555; font-size: 9pt; }
  table { border-collapse: collapse; width: 100%; table-layout: fixed; }
  th, td { border-bottom: 1px solid #ddd; padding: 4px 6px; text-align: left; vertical-align: top; overflow-wrap: anywhere; word-break: break-word; }
  th { background: #f3f3f3; font-weight: 600; }
  tr { break-inside: avoid; }
  td img { width: 88px; height: 66px; object-fit: cover; border-radius: 4px; display: block; }
  .muted { color: #666; }
  .kind-worsened { color: #b3261e; font-weight: 600; }
  .kind-cleared { color: #1b7a3a; font-weight: 600; }
  footer { margin-top: 18px; color: #777; font-size: 8.5pt; }
`;

/** Builds the report of one inspection (see the module comment). */
export function buildInspectionReport(
  db: Db,
  paths: LibraryPaths,
  inspectionId: number,
  options: ReportOptions,
): InspectionReport {
  const { language } = options;
  const t = (key: CoreMessageKey, values?: MessageValues) =>
    renderCoreMessage(language, values ? { key, values } : { key });
  const timeZone = usableTimeZone(options.timeZone);
  const dateFormat = new Intl.DateTimeFormat(language, {
    dateStyle: 'short',
    timeStyle: 'short',
    ...(timeZone ? { timeZone } : {}),
  });
  const date = (iso: string) => {
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? iso : dateFormat.format(d);
  };
  const percent = new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 0 });
  const number = new Intl.NumberFormat(language);

  const summary = inspectionSummary(db, inspectionId);
  const inspection = getInspection(db, inspectionId);
  const normal = summary.normalLabel;
  const order = summary.tubeCounts.map((c) => c.label);
  const labelText = (label: string | null) => (label === null ? t('report.unlabeled') : label);
  const stateText = (s: TubeState) =>
    s.reviewed
      ? t('report.byReviewer', { reviewer: s.reviewer ?? '?' })
      : s.confidence === null
        ? ''
        : t('report.byModel', { percent: percent.format(s.confidence) });
  const swatch = (label: string | null) =>
    `<span class="swatch" style="background:${colorOf(label, normal, order)}"></span>`;

  const modelId = activeModelIdOf(db);
  const model = modelId
    ? (db.prepare('SELECT id, name, version FROM models WHERE id = ?').get(modelId) as
        { id: string; name: string; version: string } | undefined)
    : undefined;
  const reviewers = db
    .prepare(
      `WITH photos AS (${photosOfInspectionSql})
       SELECT l.reviewer, count(*) AS n FROM photos p JOIN labels l ON l.image_id = p.image_id
       GROUP BY l.reviewer ORDER BY n DESC, l.reviewer`,
    )
    .all({ id: inspectionId }) as { reviewer: string; n: number }[];

  const facts: [string, string][] = [
    [t('report.inspection'), `${escapeHtml(inspection.title)} (#${inspection.id})`],
    [t('report.cards'), inspection.sources.map(escapeHtml).join('<br>')],
    [
      t('report.started'),
      inspection.capturedFrom && inspection.capturedTo
        ? escapeHtml(`${date(inspection.capturedFrom)} – ${date(inspection.capturedTo)}`)
        : '—',
    ],
    [
      t('report.model'),
      model
        ? escapeHtml(
            t('report.modelValue', { name: model.name, version: model.version, id: model.id }),
          )
        : escapeHtml(t('report.noModel')),
    ],
    [
      t('report.reviewers'),
      reviewers.length > 0
        ? reviewers
            .map((r) => escapeHtml(t('report.reviewerCount', { reviewer: r.reviewer, n: r.n })))
            .join('<br>')
        : escapeHtml(t('report.noReviewer')),
    ],
    [t('report.generated'), escapeHtml(date(options.now.toISOString()))],
  ];

  const counts = [
    `<div class="count" data-count="tubes"><b>${number.format(summary.tubeStates.length)}</b>${escapeHtml(t('report.tubesTotal'))}</div>`,
    ...summary.tubeCounts.map(
      (c) =>
        `<div class="count" data-count="label" data-label="${escapeHtml(c.label)}"><b>${number.format(c.tubes)}</b>${swatch(c.label)}${escapeHtml(c.label)}</div>`,
    ),
    `<div class="count" data-count="unsure"><b>${number.format(summary.unsure)}</b>${escapeHtml(t('report.unsure', { percent: percent.format(summary.unsureBelow) }))}</div>`,
    `<div class="count" data-count="unreviewed"><b>${number.format(summary.unreviewed)}</b>${escapeHtml(t('report.unreviewed'))}</div>`,
  ].join('');

  const flagged = summary.tubeStates.filter((s) => s.flagged);
  const flaggedRows = flagged
    .slice(0, MAX_FLAGGED_PHOTOS)
    .map((s) => {
      const src = thumbDataUrl(paths, s);
      return `<tr data-tube="${s.tube}"><td>${src ? `<img src="${src}" alt="${escapeHtml(s.tube)}">` : ''}</td><td><b>${s.tube}</b></td><td>${swatch(s.label)}${escapeHtml(labelText(s.label))}<br><span class="muted">${escapeHtml(stateText(s))}</span></td><td>${escapeHtml(s.originalName)}<br><span class="muted">${escapeHtml(date(s.capturedAt))}</span></td></tr>`;
    })
    .join('');
  const flaggedSection =
    flagged.length === 0
      ? `<p>${escapeHtml(t('report.flaggedNone'))}</p>`
      : `<table class="flagged"><colgroup><col style="width:100px"><col style="width:90px"><col style="width:34%"><col></colgroup><thead><tr><th>${escapeHtml(t('report.photo'))}</th><th>${escapeHtml(t('report.tube'))}</th><th>${escapeHtml(t('report.label'))}</th><th>${escapeHtml(t('report.file'))}</th></tr></thead><tbody>${flaggedRows}</tbody></table>${
          flagged.length > MAX_FLAGGED_PHOTOS
            ? `<p class="muted">${escapeHtml(t('report.flaggedMore', { n: flagged.length - MAX_FLAGGED_PHOTOS }))}</p>`
            : ''
        }`;

  const previous = previousInspection(db, inspection);
  let changesSection: string;
  if (!previous) changesSection = `<p>${escapeHtml(t('report.noPrevious'))}</p>`;
  else {
    const comparison = compareInspections(db, previous.id, inspection.id);
    const cell = (s: TubeState | null) =>
      s
        ? `${swatch(s.label)}${escapeHtml(labelText(s.label))}`
        : `<span class="muted">${escapeHtml(t('report.absent'))}</span>`;
    const rows = comparison.changes
      .map(
        (c) =>
          `<tr data-tube="${c.tube}" data-kind="${c.kind}"><td><b>${c.tube}</b></td><td>${cell(c.before)}</td><td>${cell(c.after)}</td><td class="kind-${c.kind}">${escapeHtml(t(`report.kind.${c.kind}`))}</td></tr>`,
      )
      .join('');
    changesSection =
      `<p class="muted">${escapeHtml(t('report.changesAgainst', { title: previous.title, date: date(previous.capturedFrom ?? previous.startedAt) }))}</p>` +
      (comparison.changes.length === 0
        ? `<p>${escapeHtml(t('report.changesNone'))}</p>`
        : `<table class="changes"><thead><tr><th>${escapeHtml(t('report.tube'))}</th><th>${escapeHtml(t('report.before'))}</th><th>${escapeHtml(t('report.after'))}</th><th>${escapeHtml(t('report.change'))}</th></tr></thead><tbody>${rows}</tbody></table>`);
  }

  const map =
    summary.tubeStates.length === 0
      ? ''
      : `<h2>${escapeHtml(t('report.map'))}</h2>${tubeMapSvg(summary.tubeStates, readLayout(db), normal, order, (s) => `${s.tube}: ${labelText(s.label)}`)}<p class="legend">${summary.tubeCounts.map((c) => `${swatch(c.label)}${escapeHtml(c.label)}`).join(' &nbsp; ')} &nbsp; ${escapeHtml(t('report.mapLegend'))}</p>`;

  const html = `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<title>${escapeHtml(t('report.title'))} · ${escapeHtml(inspection.title)}</title>
<style>${CSS}</style>
</head>
<body data-inspection="${inspection.id}">
<h1>${escapeHtml(t('report.title'))}: ${escapeHtml(inspection.title)}</h1>
<dl class="facts">${facts.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${v}</dd>`).join('')}</dl>
<h2>${escapeHtml(t('report.counts'))}</h2>
<p class="muted">${escapeHtml(t('report.photosLine', { photos: summary.total, reviewed: summary.reviewed }))}</p>
<div class="counts">${counts}</div>
${map}
<h2>${escapeHtml(t('report.flagged'))} (${number.format(flagged.length)})</h2>
${flaggedSection}
<h2>${escapeHtml(t('report.changes'))}</h2>
${changesSection}
<footer>${escapeHtml(t('report.page', { title: inspection.title }))}</footer>
</body>
</html>
`;
  const slug = inspection.title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return { html, fileName: `inspection-${inspection.id}${slug ? `-${slug}` : ''}` };
}
