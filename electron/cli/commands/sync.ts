/**
 * `sync --hub <postgres-url> --objects <s3-url>`: push this laptop's photos, predictions
 * and label events to the hub and pull the other laptops'. `hub migrate`: the hub
 * owner's set-up (schema, least-privilege role, bucket).
 */
import { flag, JSON_OPTION, expectPositionals, UsageError, type Command } from '../command.js';
import {
  formatBytes,
  formatCount,
  formatDecimal,
  formatDuration,
  renderFields,
} from '../format.js';
import { cliText, type CliMessageKey } from '../language.js';
import { phaseName } from '../progress-bar.js';
import type { Language } from '../../shared/language.js';
import { parseHubAddress } from '../../core/hub/hub-address.js';
import type { SyncResult } from '../../core/hub/sync.js';

const HUB_OPTIONS = {
  hub: { type: 'string' },
  objects: { type: 'string' },
  ...JSON_OPTION,
} as const;

export const CREDENTIALS_HELP = `Credentials come from the environment only, never from the addresses:
  PGUSER, PGPASSWORD (or PGPASSFILE)          the hub database
  AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY    the object storage (AWS_REGION optional)
TLS: add ?sslmode=require (or verify-full) to the postgres address and use https:// for
the object storage.`;

export function addresses(values: Record<string, unknown>) {
  const hub = typeof values.hub === 'string' ? values.hub : undefined;
  const objects = typeof values.objects === 'string' ? values.objects : undefined;
  if (!hub || !objects) {
    throw new UsageError('Give both --hub postgres://host/db and --objects http(s)://host/bucket.');
  }
  return parseHubAddress(hub, objects);
}

export function renderSync(r: SyncResult, language: Language = 'en'): string {
  const t = (key: CliMessageKey) => cliText(language, key);
  const count = (n: number) => formatCount(n, language);
  const mbps =
    r.uploadMs > 0 ? formatDecimal(r.bytesUploaded / 1e6 / (r.uploadMs / 1000), 1, language) : '-';
  return renderFields([
    [t('cli.sync.hub'), r.hub],
    [
      t('cli.sync.photosSent'),
      `${count(r.photosUploaded)} (${formatBytes(r.bytesUploaded, language)}, ${mbps} MB/s)`,
    ],
    [t('cli.sync.alreadyOnHub'), count(r.photosAlreadyOnHub)],
    [t('cli.sync.eventsSent'), count(r.eventsPushed)],
    [t('cli.sync.predictionsSent'), count(r.predictionsPushed)],
    [
      t('cli.sync.photosReceived'),
      `${count(r.photosDownloaded)} (${formatBytes(r.bytesDownloaded, language)})`,
    ],
    [t('cli.sync.eventsReceived'), count(r.eventsPulled)],
    [t('cli.sync.predictionsReceived'), count(r.predictionsPulled)],
    [t('cli.sync.conflicts'), count(r.conflicts)],
    [t('cli.sync.took'), formatDuration(r.durationMs, language)],
  ]);
}

export const syncCommand: Command = {
  name: 'sync',
  summary: 'send and receive photos and labels through the hub (PostgreSQL + S3)',
  help: `Usage: sync --hub <postgres-url> --objects <s3-url> [--json]

Sends this laptop's photos (content-addressed, multipart when large), predictions and
label events to the hub, then receives the other laptops' label events, predictions
and photos for the inspections this laptop holds. Safe to run again at any time: a
sync cut by the network resumes where it stopped, and nothing is sent twice.

Example:
  PGUSER=laptop7 PGPASSWORD=... AWS_ACCESS_KEY_ID=... AWS_SECRET_ACCESS_KEY=... \\
    inspection-desk sync --hub postgres://hub.plant:5432/inspections \\
                         --objects https://s3.plant:9000/inspection-photos

${CREDENTIALS_HELP}
`,
  options: HUB_OPTIONS,
  async run(ctx, { values, positionals }) {
    expectPositionals(positionals, []);
    const address = addresses(values);
    const { syncWithHub } = await import('../../core/hub/sync.js');
    const core = await ctx.core();
    const language = ctx.language();
    const count = (n: number) => formatCount(n, language);
    const result = await syncWithHub(core.context, address, {
      onProgress: (p) => {
        if (!flag(values, 'json')) {
          ctx.note(
            `${phaseName(p.phase, language)}: ${count(p.done)}${p.total === null ? '' : ` / ${count(p.total)}`}\n`,
          );
        }
      },
    });
    if (flag(values, 'json')) return ctx.printJson(result);
    ctx.print(renderSync(result, language));
    if (result.conflicts > 0) ctx.print(`${ctx.t('cli.sync.conflictsHint')}\n`);
  },
};

const migrateSub: Command = {
  name: 'migrate',
  summary: 'create or update the hub schema (as the database owner)',
  help: `Usage: hub migrate --hub <postgres-url> --objects <s3-url>

Applies the hub's versioned SQL migrations (hub/migrations) as the connecting role (the
database owner), creates the role inspection_desk_sync with only the rights a laptop's
sync needs (read, append, mark an event undone), and creates the bucket when missing.
Give each laptop a login role that is a member of it:
  CREATE ROLE laptop7 LOGIN PASSWORD '...' IN ROLE inspection_desk_sync;

${CREDENTIALS_HELP}
`,
  options: HUB_OPTIONS,
  async run(ctx, { values, positionals }) {
    expectPositionals(positionals, []);
    const address = addresses(values);
    const { connectHub } = await import('../../core/hub/sync.js');
    const { migrateHub } = await import('../../core/hub/hub-schema.js');
    const { openObjectStore } = await import('../../core/hub/object-store.js');
    const client = await connectHub(address);
    try {
      const applied = await migrateHub(client);
      const store = openObjectStore(address.objects);
      try {
        await store.ensureBucket();
      } finally {
        store.close();
      }
      if (flag(values, 'json')) return ctx.printJson({ applied });
      ctx.print(
        applied.length
          ? `${ctx.t('cli.hub.migrated', { applied: applied.join(', ') })}\n`
          : `${ctx.t('cli.hub.upToDate')}\n`,
      );
    } finally {
      await client.end();
    }
  },
};

export const hubCommand: Command = {
  name: 'hub',
  summary: 'set up the hub (schema, role, bucket)',
  help: `Usage: hub migrate --hub <postgres-url> --objects <s3-url>\n`,
  subcommands: [migrateSub],
};
