/**
 * Figure 2: classification overhead. The app's classify path against a bare
 * onnxruntime-node loop over the same images, in one child process, rounds interleaved
 * (bare, app, app-with-resize, then rotated) and compared by medians.
 *
 * Two ratios: from inputs already at the model's size (the "already-decoded
 * inputs": the app then only lays out the tensor, runs and post-processes), which is
 * the target; and from the 512 px decode preview, which adds the app's lanczos3 resize
 * to the model size (work the bare loop never does), reported for information.
 */
import type { ClassifyProtocol, ClassifyVariant } from '../child/classify.js';
import { startChild } from '../lib/child.js';
import type { BenchContext } from '../lib/context.js';
import { benchScript } from '../lib/paths.js';
import { figure, fmt, markdownTable, type SectionResult } from '../lib/report.js';
import { median } from '../lib/stats.js';
import { ensurePhotoCard } from '../workload/photos.js';

const TARGET = 0.9;
const IMAGES = 64;

export async function runClassifySection(ctx: BenchContext): Promise<SectionResult> {
  const card = await ensurePhotoCard(
    { width: 4000, height: 3000, count: ctx.options.photos },
    ctx.log,
  );
  const child = startChild<ClassifyProtocol>(
    benchScript('child/classify.ts'),
    [],
    ctx.options.profile ? { profileName: 'classify' } : {},
  );
  const times: Record<ClassifyVariant, number[]> = {
    bare: [],
    'app-from-model-size': [],
    'app-from-preview': [],
    'layout-only': [],
  };
  let info;
  try {
    info = await child.request('prepare', {
      modelDir: ctx.model.dir,
      files: card.files.slice(0, IMAGES),
    });
    ctx.log(
      `classify: ${info.images} photos (previews ${info.previewSize}), batches of ${info.batch}, ${info.intraOpThreads} ORT thread(s)`,
    );
    const rounds = ctx.options.quick ? 3 : 9;
    const variants: ClassifyVariant[] = [
      'bare',
      'app-from-model-size',
      'app-from-preview',
      'layout-only',
    ];
    for (let r = 0; r < rounds; r++) {
      // Rotate the order so no variant always runs first (or right after another).
      const order = variants.map((_, i) => variants[(i + r) % variants.length]!);
      for (const variant of order) {
        const { msPerImage } = await child.request('round', { variant, minMs: 400 });
        times[variant].push(msPerImage);
      }
    }
  } finally {
    await child.stop();
  }
  const bare = median(times.bare);
  const app = median(times['app-from-model-size']);
  const appPreview = median(times['app-from-preview']);
  const layout = median(times['layout-only']);
  const ratio = bare / app;
  const ratioPreview = bare / appPreview;
  ctx.raw.classify = { info, times };
  return {
    figures: [
      figure(
        '2. Classification',
        'app classify / bare onnxruntime, inputs at model size',
        `${fmt(ratio)} (app ${fmt(1000 / app, 'photos/s')}, bare ${fmt(1000 / bare, 'photos/s')})`,
        ratio,
        `≥ ${TARGET}`,
        ratio >= TARGET,
      ),
      figure(
        '2. Classification',
        'app classify from the 512 px preview (incl. resize to model size) / bare',
        `${fmt(ratioPreview)} (app ${fmt(1000 / appPreview, 'photos/s')})`,
        ratioPreview,
      ),
    ],
    details: [
      {
        title: 'Classification (median ms per photo)',
        markdown:
          markdownTable(
            ['Path', 'ms/photo', 'photos/s'],
            [
              ['bare `InferenceSession.run`, pre-built tensors', fmt(bare, 'ms'), fmt(1000 / bare)],
              ['app `LoadedModel.classify`, model-size RGB', fmt(app, 'ms'), fmt(1000 / app)],
              [
                'app `LoadedModel.classify`, 512 px previews',
                fmt(appPreview, 'ms'),
                fmt(1000 / appPreview),
              ],
              [
                'of which `writeInputTensor` alone (tensor layout, main thread)',
                fmt(layout, 'ms'),
                '',
              ],
            ],
          ) +
          `\n\n${info?.images ?? IMAGES} photos of the 12 MP card, batches of ${info?.batch ?? '?'} ` +
          `(the app's largest), ${info?.intraOpThreads ?? '?'} intra-op thread(s) on both sides (the app's setting).`,
      },
    ],
  };
}
