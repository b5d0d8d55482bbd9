/** The inspections domain: what the summary's picker, the photo view and the CLI call. */
import type { CoreContext, HandlerMap } from '../context.js';
import { readSettings } from '../settings/handlers.js';
import { compareInspections } from './compare.js';
import { parseLayoutText, readLayout, writeLayout } from './layout.js';
import { buildInspectionReport } from './report.js';
import { getInspection, groupInspections, listInspections, renameInspection } from './store.js';
import { inspectionSummary } from './summary.js';
import { tubeHistory } from './tube-history.js';

export function createInspectionHandlers(
  ctx: CoreContext,
): HandlerMap<
  | 'inspections.list'
  | 'inspections.get'
  | 'inspections.rename'
  | 'inspections.group'
  | 'inspections.summary'
  | 'inspections.compare'
  | 'inspections.tubeHistory'
  | 'inspections.report'
  | 'inspections.layout'
  | 'inspections.setLayout'
  | 'inspections.loadLayout'
> {
  return {
    'inspections.list': () => listInspections(ctx.db),
    'inspections.get': ({ inspectionId }) => getInspection(ctx.db, inspectionId),
    'inspections.rename': ({ inspectionId, name }) => renameInspection(ctx.db, inspectionId, name),
    'inspections.group': ({ inspectionIds, name }) => groupInspections(ctx.db, inspectionIds, name),
    'inspections.summary': ({ inspectionId }) => inspectionSummary(ctx.db, inspectionId),
    'inspections.compare': ({ before, after }) => compareInspections(ctx.db, before, after),
    'inspections.tubeHistory': ({ row, col }) => tubeHistory(ctx.db, row, col),
    'inspections.report': ({ inspectionId, language, timeZone }) =>
      buildInspectionReport(ctx.db, ctx.paths, inspectionId, {
        language: language ?? readSettings(ctx.db).language,
        ...(timeZone ? { timeZone } : {}),
        now: ctx.now(),
      }),
    'inspections.layout': () => readLayout(ctx.db),
    'inspections.setLayout': ({ layout }) => writeLayout(ctx.db, layout),
    'inspections.loadLayout': ({ fileName, text }) =>
      writeLayout(ctx.db, parseLayoutText(text, fileName)),
  };
}
