/**
 * English text of every message the core, the shells and the CLI give a user. Keys are
 * stable ids; `{name}` placeholders and `{n, plural, one {...} other {...}}` follow
 * `formatMessage`. `pt-BR.ts` must translate each key (its type is `CoreMessages`).
 *
 * A message says what happened and what to do. Errors carry their key and values across
 * every transport, so the renderer shows them in its own language.
 */
export const coreEn = {
  'error.internal':
    'Unexpected error: {detail}. Try again; if it happens again, write down what you did and report it.',
  'error.diskFull':
    'The disk holding the library is full, so this change was not saved. Free some space and try again; nothing saved before was lost.',
  'jobs.notFound':
    'No job {jobId}. It may belong to an earlier session; list jobs to see the current ones.',
  'jobs.alreadyRunning.import':
    'An import is already running. Wait for it to finish (or cancel it), then start this one.',
  // desktop natives (the SQLite module built for the runtime that opens the library)
  'library.nativeBindingMissing':
    'The SQLite module for this app ({file}) is missing. In a checkout run "npm run prepare:electron"; otherwise reinstall Inspection Desk.',
  'library.nativeBindingMismatch':
    'The SQLite module {file} was built for another runtime ({detail}). In a checkout run "npm run prepare:electron"; otherwise reinstall Inspection Desk.',
  // jobs (review trust)
  'jobs.alreadyRunning.export':
    'An export is already running. Wait for it to finish (or cancel it), then export again.',
  'jobs.alreadyRunning.classify':
    'A classification is already running. Wait for it to finish (or cancel it), then start this one.',
  // library, jobs, app, cli, main (review trust)
  'library.modelNotFound':
    'No model "{modelId}" in this library. List the models to see the registered ones.',
  'library.photosNotFound':
    '{count, plural, one {Photo} other {Photos}} {ids}{more, plural, =0 {} other { and # more}} {count, plural, one {is} other {are}} not in this library. Reload the list: {count, plural, one {it} other {they}} may belong to another library.',
  'library.cursorInvalid':
    'The page cursor is not valid ({reason}). Load the list again from the first page.',
  'library.cannotCreateFolder':
    'Cannot create the library folder {dir}: {detail}. Choose another library location.',
  'library.unreadable':
    '{file} is not a readable Inspection Desk library ({detail}). Choose another folder or restore it from a backup.',
  'library.newerSchema':
    'This library was written by a newer Inspection Desk (schema {current}, this version knows {known}). Update the application.',
  'jobs.cancelled': 'Cancelled by the user. Run it again to resume.',
  'app.unknownMethod': 'There is no method "{method}".',
  'app.invalidArguments': 'Invalid arguments for {method}: {issues}',
  'cli.noPhotoMatches':
    'No photo matches "{ref}". Give its id (see `list`), at least 8 characters of its sha256, or its file name.',
  'main.methodNotString': 'The method name must be a string like "library.list".',
  // review
  'review.noActiveModel':
    'No model is active, so there is no prediction to accept. Activate a model, or choose the label yourself.',
  'review.unclassified':
    '{names}{more, plural, =0 {} other { and # more}} {count, plural, one {has} other {have}} no prediction from {modelId} to accept. Classify {count, plural, one {it} other {them}} first, or choose the label yourself; nothing was changed.',
  'review.nothingToUndo':
    'Nothing to undo: {reviewer} has no label decision left to revert in this session.',
  'review.nothingToRedo':
    'Nothing to redo: that decision is not undone (or its photos were relabeled since).',
  // improve, embeddings, similar photos (issue 13)
  'improve.noModel':
    'No model is active, so there is nothing to improve. Add a model and activate it, or name one with --model.',
  'improve.noEmbedding':
    'Model {modelId} has no embedding output (the "embedding" field of its model.json), so it cannot be improved and photos cannot be compared with it. Use a model whose model.json names its embedding output.',
  'improve.alreadyRunning':
    'The model is already being improved (job {jobId}). Wait for it to finish or cancel it.',
  'improve.tooFewReviewed':
    'Only {n, plural, one {# reviewed photo has} other {# reviewed photos have}} an embedding of {modelId}. Review at least {min} photos (with at least {perLabel} of each label), then improve again.',
  'improve.tooFewLabels':
    'The reviewed photos carry only {n, plural, one {# label} other {# labels}} with at least {perLabel} photos ({labels}). A classifier needs two: review photos of another label, then improve again.',
  'embeddings.alreadyRunning':
    'Embeddings are already being computed (job {jobId}). Wait for it to finish or cancel it.',
  'similar.noEmbedding':
    'Photo {imageId} has no embedding of {modelId} yet. Compute the missing embeddings (Models screen, or `models backfill`), then try again.',
  // imaging (reliability): decode failures, also answered by the classify endpoint
  'imaging.empty':
    '`{name}` is empty (0 bytes); skipped. The copy from the camera was probably interrupted.',
  'imaging.notAnImage': '`{name}` is not a JPEG, PNG, WebP or TIFF image; skipped.',
  'imaging.unreadable':
    '`{name}` is not a readable image ({what}); skipped. Copy it from the camera again if it matters.',
  'imaging.tooLarge':
    '`{name}` is too large to decode safely: the limit is {megapixels} megapixels; skipped. Resize it before importing.',
  'imaging.tooLargeSized':
    '`{name}` is too large to decode safely ({width}x{height}): the limit is {megapixels} megapixels; skipped. Resize it before importing.',
  // cli (reliability)
  'cli.noMatch': 'No photo matches these filters; nothing changed.',
  'cli.nothingToExport':
    'Nothing to export: no photo has a label yet (classify or review photos first, or loosen the filters).',
  // export (reliability)
  'export.dest.insideLibrary':
    '{dest} is inside the library folder {library}. Choose an export folder outside the library.',
  'export.dest.insideSource':
    '{dest} is inside {source}, which photos were imported from; Inspection Desk never writes to an import source (an SD card). Choose another export folder.',
  'export.dest.isFile':
    '{dest} is a file, not a folder. Choose a new or empty folder for the export.',
  'export.dest.notEmpty':
    '{dest} is not empty (it holds {shown}). Choose a new or empty folder: an export never mixes with other files.',
  'export.dest.filledMeanwhile':
    '{dest} was filled by something else during the export. Choose a new or empty folder and export again.',
  'export.originalMissing':
    'The original of `{name}` (photo {imageId}) is missing from the library ({file}). The export stopped and nothing was written; the library may be damaged: import the photo again, then export.',
  'export.alreadyRunning':
    'An export is already running (job {jobId}). Wait for it to finish or cancel it, then export again.',
  'export.labelsNotFolderNames':
    'These labels cannot be folder names: {problems}. Relabel those photos with a simpler label, or export only labels.csv.',
  'ingest.importNotFound':
    'There is no import {importId} in this library. List the imports to see their numbers.',
  // reliability (fs errors, ingest): owned by the reliability work (issue 14)
  'fs.diskFull':
    'The disk is full while writing {path}. Free some space and run the same command again; nothing already saved was lost.',
  'fs.readOnly': '{path} is on a read-only disk. Use a folder on a disk you can write to.',
  'fs.export.readOnly':
    'The export folder {path} is on a read-only disk (a locked SD card or USB stick, or a read-only share). Choose a folder on a writable disk and export again; the library is unchanged.',
  'fs.export.denied':
    'You may not write in the export folder {path} (permission denied). Choose a folder you own, such as one in your home folder, and export again.',
  'fs.library.denied':
    'The library folder {path} cannot be written (permission denied). Check that your user owns it, or choose another library location.',
  'fs.denied': 'Permission denied for {path}. Check that your user may read it.',
  'fs.missing': '{path} does not exist.',
  'fs.deviceGone':
    'The device holding {path} stopped answering (was the SD card pulled out?). Reinsert it and import again: finished photos are kept.',
  'fs.unexpected': 'Unexpected error with {path}: {detail}',
  'fs.file.denied':
    '`{path}` could not be read (permission denied); skipped. Allow reading it, then import again.',
  'fs.file.disappeared':
    '`{path}` disappeared during the import; skipped. Import again if it is back.',
  'fs.file.ioError':
    '`{path}` could not be read from the card (input/output error: the card may be damaged); skipped. Import again; if it keeps failing, copy the card with another reader.',
  'fs.file.badName':
    "`{path}` has a file name that is not valid text (not UTF-8, often a card written by another system or a damaged card); skipped. Rename it on the card's own device, or copy the photo to a folder with a plain name and import that.",
  'fs.file.tooLarge':
    '`{path}` is too large for a photo, or kept growing while it was read; skipped. Check what it is on the card.',
  'fs.file.unreadable': '`{path}` could not be read ({detail}); skipped. Import again to retry it.',
  'ingest.file.tooLarge':
    '`{path}` is {size}, far too large for a photo; skipped. Check what it is on the card.',
  'ingest.file.empty':
    '`{path}` is empty (0 bytes): the robot probably did not finish writing it; skipped. Photograph this tube again if it matters.',
  'ingest.file.notAnImage':
    '`{path}` is not a photo (its content is not JPEG, PNG, WebP or TIFF, whatever its name says); skipped.',
  'ingest.file.unsupportedFormat':
    '`{path}` is a {format} file, a format Inspection Desk does not import (it takes still JPEG, PNG, WebP and TIFF photos); skipped. Set the camera to JPEG, or convert the file to JPEG and import it.',
  'ingest.file.unreadableImage': '`{path}` is not a readable image ({detail}); skipped.',
  'ingest.file.corrupt':
    '`{path}` is damaged ({detail}): its picture data is broken, so it was not imported. Copy it from the robot again if you still have it.',
  'ingest.file.dimensionsMismatch':
    '`{path}` claims to be {claimed} pixels but holds {actual}: the file is damaged; skipped.',
  'ingest.sourceGone':
    'The folder {source} disappeared during the import (was the SD card removed?). {finished, plural, one {# photo finished so far is kept} other {# photos finished so far are kept}}; reinsert the card and import it again to finish the rest.',
  'ingest.source.notFound':
    'The folder {source} does not exist. Check the SD card is inserted and the path is right.',
  'ingest.source.denied':
    'The folder {source} cannot be read (permission denied). Check that your user may open it, or copy the card to a folder you own and import that.',
  'ingest.source.isFile':
    '{source} is a file, not a folder. Choose the folder that holds the photos (the SD card itself or its DCIM folder).',
  'ingest.source.insideLibrary':
    '{source} is inside the library folder {library}. Import from the SD card or a folder outside the library.',
  'ingest.diskFull':
    'The disk holding the library is full. Free some space and import again; the photos already imported are kept.',
  // sync: bundles and the hub
  'bundle.unknownImport':
    'Import {importId} is not in this library. List the imports to see their numbers, then export again.',
  'bundle.fileNotFound':
    'No bundle at {file}. Check the path (for example on the USB stick) and import again.',
  'bundle.notABundle':
    '{file} is not an Inspection Desk bundle ({detail}). Choose the file written by "bundle export"; nothing was changed.',
  'bundle.damaged':
    'The bundle {file} is damaged ({detail}). Copy it again from the other laptop and import again; nothing was changed.',
  'bundle.newerFormat':
    'The bundle {file} was written by a newer Inspection Desk (bundle format {version}). Update this application, then import it again; nothing was changed.',
  'bundle.writeFailed':
    'Could not write the bundle {file}: {detail}. Check that the folder exists and has room (a USB stick may be full or read-only), then export again.',
  'hub.unreachable':
    'Cannot reach the hub {what} ({detail}). Check the network and the address, then sync again: what was already sent is kept, and sync resumes from there.',
  'hub.badUrl':
    '{what} is not a valid address ({reason, select, notUrl {not a URL} notPostgres {it must start with postgres://} password {it contains a password} noDatabase {it names no database} notHttp {it must start with http:// or https://} credentials {it contains credentials} noBucket {it names no bucket: http://host:port/bucket} other {{reason}}}). Give it as postgres://host:port/database and http(s)://host:port/bucket; put the passwords in the environment (PGPASSWORD, AWS_SECRET_ACCESS_KEY), never in the address.',
  'hub.refused':
    'The hub {hub} refused this laptop ({detail}). Check PGUSER and PGPASSWORD in the environment and the database name; the hub owner grants access with the inspection_desk_sync role.',
  'hub.schemaOlder':
    'The hub {hub} has schema version {version}; this application needs {known}. Ask whoever runs the hub to run "inspection-desk hub migrate" as the database owner, then sync again.',
  'hub.schemaNewer':
    'The hub database has schema version {version}, newer than this application knows ({known}). Update Inspection Desk on this laptop, then sync again.',
  // hub export (export --hub) and Settings sync (issue 16)
  'hubExport.unreachable':
    'Cannot reach the hub {what} ({detail}). Check the network and the address, then run the same export again: the photos already received are kept in {cache} and are not fetched again.',
  'hubExport.unknownInspection':
    'The hub has no inspection "{ref}". Name it by its origin (device/import) or its card folder name; the hub has: {known}.',
  'hub.objectsRefused':
    'The object storage of {what} refused this laptop ({detail}). Check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the environment Inspection Desk was started from (the hub owner gives them), then sync again.',
  'hubSync.notConfigured':
    'No hub address is set. Enter the hub (postgres://host:port/database) and the objects address (http(s)://host:port/bucket) in Settings, save them, then sync.',
  // models (manifest, graph check, probes, model files)
  'models.init.noLabels':
    'No labels for the model in {dir}: put a labels.txt (one label per line, in output order), a Keras class_indices.json or a classes.json list next to model.onnx, or give them (--labels a,b).',
  'models.init.noImageInput':
    'model.onnx has no image input (4 dimensions with 3 colour channels); its inputs are {inputs}. Inspection Desk classifies colour photos.',
  'models.init.exists':
    '{file} already exists. Edit it, or run init again with --force to replace it.',
  'models.init.badLabels': '{file} cannot be read as labels ({reason}).',
  'models.manifest.invalid': '{source}: {problems}',
  'models.manifest.unreadable':
    'Cannot read {file} ({reason}). A model folder holds model.json and model.onnx.',
  'models.manifest.notJson':
    '{file} is not valid JSON ({reason}). Fix the file and add the model again.',
  'models.graph.unreadable':
    '{file} is not a readable ONNX model ({reason}). Re-export it from your training tool, or choose another model.',
  'models.graph.outputMissing':
    'model.json says output.name "{output}" but model.onnx\'s outputs are {outputs}. Write one of them in output.name.',
  'models.graph.typeMismatch':
    'model.json says output.type "{declared}", but model.onnx\'s output "{output}" comes from node "{node}" ({opType}), which gives {actual}. Write "output": {fix} in model.json and add the model again.',
  'models.graph.v1Mismatch':
    'model.json (format 1) says output.activation "{activation}", so Inspection Desk would treat the output as {declared}, but model.onnx\'s output "{output}" comes from node "{node}" ({opType}), which gives {actual}. Write "schemaVersion": 2 and "output": {fix} in model.json and add the model again.',
  'models.graph.v1Ambiguous':
    'model.json (format 1) says output.activation "{activation}", but model.onnx\'s output "{output}" comes from node "{node}" ({opType}), which does not show whether it gives probabilities or logits. Say which: write "schemaVersion": 2 and "output": {fix} if the model ends in its own softmax or sigmoid, or "type": "logits" if it does not.',
  'models.probe.nonFinite':
    'The model answered {value} on the probe image "{probe}": its output must be finite numbers. The export is broken (check the last layers and the input scaling), so it was not added.',
  'models.probe.outOfRange':
    'model.json says output.type "probabilities", but on the probe image "{probe}" the model answered {value} for "{label}", outside 0..1. If the model does not end in a softmax or sigmoid, write "type": "logits".',
  'models.probe.notSummingToOne':
    'model.json says output.type "probabilities", but on the probe image "{probe}" the {count} values add up to {sum}, not 1. If the model does not end in a softmax, write "type": "logits"; a model that scores each label independently (multi-label) is not supported.',
  'models.probe.constant':
    'The model gave the same answer ({scores}) for all {count} probe images (uniform colours, noise and photos): a broken export or a wrong input description. Check input.layout, input.scaling and the export, then add it again.',
  'models.file.notRegular':
    '{file} is not a regular file ({kind}). A model folder holds model.json and model.onnx as ordinary files: copy the real files there.',
  'models.file.tooLarge':
    '{file} is {size} MB; Inspection Desk reads at most {max} MB for this file. Check that it is the right file.',
  'models.file.missing':
    'model.json names file "{name}" but {dir} has no such file. Put the ONNX file next to model.json.',
  'models.classify.badOutput':
    'The model answered {value} for this photo: its output must be finite probabilities. Check the model (models add refuses such models now) or activate another one.',
  // inspections (inspection domain, tube history, comparisons, the inspection report)
  'inspections.notFound':
    'No inspection "{ref}". List them with `inspections list` (or pick one in Summary) and use its id or name.',
  'inspections.ambiguous':
    'More than one inspection is called "{ref}" (ids {ids}). Use the id, or rename one of them.',
  'inspections.groupNeedsTwo':
    'Grouping needs at least two different inspections. Give two or more inspection ids.',
  'inspections.layoutNotJson':
    '{file} is not valid JSON ({detail}). Fix the file and load it again; the current layout is kept.',
  'inspections.layoutNotJsonAt':
    '{file} is not valid JSON (the error is near line {line}, column {column}). Fix the file and load it again; the current layout is kept.',
  'inspections.layoutInvalid':
    '{file} is not a tube sheet layout: {detail}. See the README for the format; the current layout is kept.',
  'inspections.tubeInvalid':
    '"{ref}" is not a tube. Write it as the robot names it, e.g. R07C010 (row 7, column 10).',
  'report.title': 'Inspection report',
  'report.inspection': 'Inspection',
  'report.cards': 'Cards',
  'report.started': 'Photographed',
  'report.generated': 'Report generated',
  'report.model': 'Model',
  'report.modelValue': '{name}, version {version} ({id})',
  'report.noModel': 'none (reviewer labels only)',
  'report.reviewers': 'Reviewed by',
  'report.reviewerCount': '{reviewer}: {n, plural, one {# photo} other {# photos}}',
  'report.noReviewer': 'No photo has been reviewed by a person yet.',
  'report.counts': 'Tubes',
  'report.tubesTotal': 'Tubes photographed',
  'report.photosLine':
    '{photos, plural, one {# photo} other {# photos}}, {reviewed} reviewed by a person',
  'report.unsure': 'Unsure (model below {percent}, not reviewed)',
  'report.unreviewed': 'Not reviewed by a person',
  'report.map': 'Tube map',
  'report.mapLegend': 'Solid: reviewed by a person. Light: model only. Red outline: flagged.',
  'report.flagged': 'Flagged tubes',
  'report.flaggedNone': 'No tube is flagged.',
  'report.flaggedMore':
    '… and {n, plural, one {# more tube} other {# more tubes}} (see the tube map).',
  'report.tube': 'Tube',
  'report.photo': 'Photo',
  'report.label': 'Label',
  'report.byReviewer': 'reviewed by {reviewer}',
  'report.byModel': 'model, {percent} sure',
  'report.file': 'File',
  'report.taken': 'Taken',
  'report.changes': 'Changes since the previous inspection',
  'report.changesAgainst': 'Compared with “{title}” ({date}).',
  'report.changesNone': 'No tube changed.',
  'report.noPrevious': 'This is the first inspection in the library: nothing to compare with.',
  'report.before': 'Before',
  'report.after': 'Now',
  'report.change': 'Change',
  'report.kind.worsened': 'got worse',
  'report.kind.cleared': 'cleared',
  'report.kind.changed': 'changed',
  'report.kind.added': 'new in this inspection',
  'report.kind.missing': 'not photographed this time',
  'report.absent': 'not photographed',
  'report.unlabeled': 'no label',
  'report.page': 'Inspection Desk · {title}',
  // validation: zod issues of model.json, tube layouts, bundles and method arguments,
  // each problem in the reader's language (electron/core/validation-messages.ts).
  'message.unknown': '{key}',
  'validation.problems': '{problems}',
  'validation.missing': '{field} is missing',
  'validation.missingExpected': '{field} is missing: it must be {expected}',
  'validation.mustBe': '{field} must be {expected} (got {got})',
  'validation.type.string': 'text',
  'validation.type.number': 'a number',
  'validation.type.int': 'a whole number',
  'validation.type.boolean': 'true or false',
  'validation.type.object': 'an object {…}',
  'validation.type.array': 'a list […]',
  'validation.type.null': 'null',
  'validation.type.other': 'of type {type}',
  'validation.tooSmall.number': '{field} must be at least {minimum} (got {got})',
  'validation.tooSmall.numberExclusive': '{field} must be greater than {minimum} (got {got})',
  'validation.tooBig.number': '{field} must be at most {maximum} (got {got})',
  'validation.tooBig.numberExclusive': '{field} must be less than {maximum} (got {got})',
  'validation.tooSmall.string':
    '{field} must have at least {minimum, plural, one {# character} other {# characters}} (got {got})',
  'validation.tooBig.string':
    '{field} must have at most {maximum, plural, one {# character} other {# characters}} (got {got})',
  'validation.tooSmall.array':
    '{field} must have at least {minimum, plural, one {# item} other {# items}} (got {got})',
  'validation.tooBig.array':
    '{field} must have at most {maximum, plural, one {# item} other {# items}} (got {got})',
  'validation.format': '{field} does not have the expected form (got {got})',
  'validation.oneOf': '{field} must be one of {options} (got {got})',
  'validation.unknownFields':
    '{field} has {count, plural, one {unknown field} other {unknown fields}} {keys}: remove {count, plural, one {it} other {them}} or check the spelling',
  'validation.notMultipleOf': '{field} must be a multiple of {divisor} (got {got})',
  'validation.invalid': '{field} is not valid (got {got})',
  'validation.labelEmpty': '{field}: a label cannot be empty',
  'validation.labelTooLong': '{field}: a label is at most 64 characters (got {got})',
  'validation.labelCharacters':
    '{field}: a label may use letters, digits, space, "_", "." and "-" only (got {got})',
  'validation.splitSum': '{field}: the split percentages must add up to 100',
  'validation.chooseDestination': '{field}: choose a destination folder',
  'validation.inspectionNameEmpty': '{field}: an inspection name cannot be empty',
  'validation.inspectionNameTooLong':
    '{field}: an inspection name is at most 200 characters (got {got})',
  'validation.layoutNeedsTube': '{field}: a layout needs at least one tube',
  'validation.groupNeedsTwo': '{field}: group at least two inspections',
  'validation.selectPhoto': '{field}: select at least one photo',
  'validation.importFolder': '{field}: give the folder to import',
  'validation.modelFolder': '{field}: give the model folder or its model.json',
  'validation.modelOnnxFolder': '{field}: give the folder that holds model.onnx',
  'validation.chooseImport': '{field}: choose at least one import',
  'validation.bundleFileToWrite': '{field}: give the bundle file to write',
  'validation.bundleFileToImport': '{field}: give the bundle file to import',
  'validation.arguments': 'the arguments',
  'validation.layout': 'the layout',
  // models: what each model.json field must be (`*.expect.*` keys are noun phrases)
  'models.expect.channelTriple': '3 numbers (R, G, B)',
  'models.expect.positiveNumber': 'a positive number',
  'models.expect.positiveTriple': '3 positive numbers (R, G, B)',
  'models.expect.scalingKind': '"unit" or "meanStd"',
  'models.expect.scaling': '{"kind":"unit"} or {"kind":"meanStd","mean":[r,g,b],"std":[r,g,b]}',
  'models.expect.edge': 'a whole number of pixels, 1..4096',
  'models.expect.tensorName': 'the name of a tensor in model.onnx',
  'models.expect.tensorNameNonEmpty': 'a non-empty tensor name',
  'models.expect.languageTag': 'a language tag such as "en" or "pt-BR"',
  'models.expect.labelNamesInner': 'an object {label: display name}',
  'models.expect.labelNames':
    'an object {language: {label: display name}}, e.g. {"pt-BR": {"clear": "livre"}}',
  'models.expect.idText': 'a text id such as "pipe-obstruction"',
  'models.expect.idToken': 'letters, digits, ".", "_" or "-" (it becomes a folder name)',
  'models.expect.idMax': 'at most 100 characters',
  'models.expect.versionText': 'a text version such as "1.0.0"',
  'models.expect.versionToken': 'letters, digits, ".", "_" or "-", such as "1.0.0"',
  'models.expect.versionMax': 'at most 50 characters',
  'models.expect.displayName': 'a display name',
  'models.expect.displayNameNonEmpty': 'a non-empty display name',
  'models.expect.text': 'text',
  'models.expect.fileText': 'the ONNX file name next to model.json',
  'models.expect.fileName': 'a file name next to model.json ending in .onnx, such as "model.onnx"',
  'models.expect.labels': 'a list of at least 2 label names, in output order',
  'models.expect.distinctLabels': 'a list of distinct labels',
  'models.expect.input':
    'an object with name, layout, width, height, colorOrder, resize and scaling',
  'models.expect.layout': '"NCHW" or "NHWC"',
  'models.expect.colorOrder': '"RGB" or "BGR"',
  'models.expect.resize': '"stretch" or "center-crop"',
  'models.expect.embedding': '{"name": "<embedding output name>"}',
  'models.expect.parentModelId': 'the parent model id, such as "pipe-obstruction@1.0.0"',
  'models.expect.threshold': 'a number between 0 and 1, or null',
  'models.expect.outputType': '"probabilities" or "logits"',
  'models.expect.outputV2':
    'an object {"name": "<output name>", "type": "probabilities" or "logits"}',
  'models.expect.activation':
    '"softmax", "sigmoid" or "none" (or use schemaVersion 2 with output.type)',
  'models.expect.outputV1': 'an object with name and activation',
  'models.manifest.notAnObject':
    '{source} must hold a JSON object describing the model (got {got}). Fix the file and add the model again.',
  'models.manifest.schemaVersionMissing':
    'schemaVersion is missing: it must be 2 (or 1 for the older format)',
  'models.manifest.schemaVersionWrong':
    'schemaVersion must be 2 (or 1 for the older format) (got {got})',
  'models.manifest.thresholdNeedsTwoLabels':
    'threshold must be null or absent for a model with more than 2 labels (got {threshold})',
  'models.manifest.sigmoidNeedsTwoLabels':
    'labels must have exactly 2 labels with a sigmoid output (the output is P(labels[1])) (got {count})',
  'models.manifest.labelNamesUnknown':
    'labelNames.{language} names labels that are not in labels: {labels}',
  // bundle details (polish)
  'bundle.detail.manifestNotJson': 'its manifest.json is not valid JSON ({reason})',
  'bundle.detail.otherFormat': 'its manifest names another format',
  'bundle.detail.firstEntry': 'it starts with {name}, not manifest.json',
  'bundle.detail.noManifest': 'it holds no manifest.json',
  'bundle.detail.checksum': 'a photo does not match its checksum: {detail}',
  // sweep (polish): models and CLI messages that were English only
  'models.noActiveForPhoto':
    'No model is active in this library, so the photo cannot be classified. Add a model (models.add) and activate it (models.activate).',
  'models.noActiveToClassify':
    'No model is active, so there is nothing to classify with. Add a model on the Models screen (models.add) and activate it, or name one with modelId.',
  'models.notFoundKnown': 'No model "{modelId}" in this library. Registered: {known}.',
  'models.notFoundNone': 'No model "{modelId}" in this library. Add one first (models.add).',
  'models.add.missing':
    '{path} does not exist. Give the model folder (with model.json and model.onnx) or its model.json.',
  'models.add.notAModel':
    '{path} is not a model folder or a model.json. Choose the folder that holds model.json and model.onnx.',
  'models.add.sameIdOtherSettings':
    'This library already has model "{id}" with different model.json settings. Predictions must stay tied to one model: bump "version" in model.json (e.g. "{bump}") and add it again.',
  'models.add.sameIdOtherWeights':
    'This library already has model "{id}" with different model.onnx weights. Predictions must stay tied to one model: bump "version" in model.json (e.g. "{bump}") and add it again.',
  'models.classify.originalUnreadable':
    'The stored original of `{name}` cannot be read ({reason}); it was not classified. Re-import the photo to restore it.',
  'cli.ambiguousPhoto':
    '"{ref}" matches {count} photos; use the id or a longer sha256 prefix:\n{candidates}',
  'export.labelFolder.problem': '"{label}" ({why})',
  'export.labelFolder.caseOnly': '"{a}" and "{b}" (they differ only in upper/lower case)',
  'export.labelFolder.characters':
    'only letters, digits, space, "_", "." and "-" are allowed, without leading or trailing spaces',
  'export.labelFolder.dots': 'it is made of dots',
  'export.labelFolder.trailing': 'Windows drops a trailing dot or space from folder names',
  'export.labelFolder.reserved': 'Windows reserves this name',
  // models: model.onnx against model.json (inference/session.ts)
  'models.session.fix':
    '{problem}. Fix model.json (or re-export model.onnx) and add the model again.',
  'models.session.inputName':
    'model.json says input.name "{name}" but model.onnx\'s input is {inputs}',
  'models.session.extraInputs':
    'model.onnx needs more inputs than the image ({extra}); Inspection Desk feeds only "{name}"',
  'models.session.inputType':
    'model.onnx\'s input "{name}" takes {type} values; Inspection Desk feeds float32',
  'models.session.inputRank':
    'model.onnx\'s input "{name}" has {rank} dimensions [{dims}]; an image model takes 4 (batch, channels, height, width in some order)',
  'models.session.layout':
    'model.json says input.layout "{layout}" but model.onnx expects {expected} (shape [{dims}])',
  'models.session.channels':
    'model.onnx\'s input "{name}" has {channels} channels; Inspection Desk feeds 3 (colour photos)',
  'models.session.width': 'model.json says input.width {declared} but model.onnx expects {actual}',
  'models.session.height':
    'model.json says input.height {declared} but model.onnx expects {actual}',
  'models.session.outputName':
    'model.json says {field} "{name}" but model.onnx\'s outputs are {outputs}',
  'models.session.runFails':
    'model.onnx fails on a {layout} {width}x{height} input as model.json describes it ({reason})',
  'models.session.sigmoidSize':
    'model.json says output.activation "sigmoid", so a sigmoid output gives 1 value, P(labels[1]), but model.onnx\'s "{name}" gives {perImage} values per image; with one value per label write "schemaVersion": 2 and "output": {fix}',
  'models.session.outputSize':
    'model.json lists {count} labels {labels}, so model.onnx\'s "{name}" must give one value per label{count, plural, =2 { (or one value, P(labels[1]))} other {}}, but it gives {perImage, plural, one {# value} other {# values}} per image',
  'models.session.outputNotFloat': 'model.onnx\'s output "{name}" is {type}, not float32',
  'models.session.threadFailed':
    'The inference thread could not start ({reason}). Reinstall Inspection Desk.',
  'models.session.cannotLoad':
    'model.onnx cannot be loaded ({reason}): re-export it or choose another model.',
  // unsure answers and notes (issue 11)
  'export.unsureFolderTaken':
    'A label is called “{label}”, the folder that holds unsure photos ({folder}). Rename that label, or export without unsure photos.',
  'cli.noteTooLong':
    'This note has {length} characters; a note keeps at most {max}. Shorten it and try again.',
  // transport: the HTTP server's own refusals (electron/server) and the renderer's
  // transport failures (renderer/client). Commands, headers and curl lines are values.
  'transport.serverUnreachable':
    'The Inspection Desk server does not answer. Check that it is still running on this computer, then try again.',
  'transport.unreadableBody':
    'The server answered {method} with HTTP {status} and no readable body. Try again; if it happens again, restart Inspection Desk.',
  'transport.httpStatus':
    'The server answered {method} with HTTP {status}. Try again; if it happens again, restart Inspection Desk.',
  'transport.callFailed':
    '{method} failed without saying why. Try again; if it happens again, restart Inspection Desk.',
  'transport.noContentType': 'no Content-Type',
  'transport.forbidden.host':
    'This server answers only requests addressed to it by its local name (got Host "{host}"). Open it at http://127.0.0.1 or http://localhost with its port.',
  'transport.forbidden.origin':
    'Requests from other websites ({origin}) are not allowed: Inspection Desk accepts commands only from its own page.',
  'transport.forbidden.crossSite':
    'Requests from other websites are not allowed: Inspection Desk accepts commands only from its own page.',
  'transport.api.noRoute':
    'No API route {path}. Methods are called as POST {prefix}<method>, e.g. {prefix}library.info.',
  'transport.events.useGet': 'Subscribe to events with GET.',
  'transport.rpc.usePost': 'Call {path} with POST and the arguments as a JSON body.',
  'transport.rpc.notJson':
    'Send the arguments of {method} as JSON with Content-Type: application/json (got {got}), e.g. {curl}',
  'transport.rpc.invalidJson':
    "The request body is not valid JSON ({detail}). Send the method's arguments as a JSON object, e.g. {example}, or an empty body for none.",
  'transport.rpc.tooLarge':
    'The arguments are larger than {limit}. Send fewer items per call (page through them).',
  'transport.media.notFound':
    'No such photo in this library. Photo URLs come from the API (thumbUrl, originalUrl).',
  'transport.media.useGet': 'Photos are read with GET.',
  'transport.static.useGet': 'Pages are read with GET.',
  'transport.static.notFound': 'Nothing at {path}. Open the app at / and follow its links.',
  'transport.classify.howToSend': 'Send the photo as a form field named "{field}": {curl}',
  'transport.classify.usePost': 'Use POST. {hint}',
  'transport.classify.unsupportedType':
    'Expected multipart/form-data or an image/* body, got {got}. {hint}',
  'transport.classify.badMultipart': 'The multipart body could not be read ({detail}). {hint}',
  'transport.classify.noImageField':
    'No "{field}" field in the form{count, plural, =0 {} other { (got: {sent})}}. {hint}',
  'transport.classify.imageIsText': 'The "{field}" field is text, not a file. {hint} (mind the @).',
  'transport.classify.imageTooLarge':
    'The image is larger than {limit}. Send a smaller photo (camera JPEGs are a few MB).',
  'transport.classify.busy':
    'The server is classifying as many photos as it can right now. Send this one again in {seconds} s (see Retry-After), or send fewer at once.',
  'transport.classify.emptyImage': 'The image is empty (0 bytes). {hint}',
  // cli: the command line's own output (progress, summaries, tables, notes), in the
  // library's language or $INSPECTION_DESK_LANGUAGE
  'cli.errorPrefix': 'Error: ',
  'cli.phase.starting': 'starting',
  'cli.phase.scanning': 'scanning',
  'cli.phase.importing': 'importing',
  'cli.phase.classifying': 'classifying',
  'cli.phase.copying': 'copying',
  'cli.phase.writing': 'writing',
  'cli.phase.reading': 'reading',
  'cli.phase.merging': 'merging',
  'cli.phase.converting': 'converting',
  'cli.phase.embedding': 'embedding',
  'cli.phase.grouping': 'grouping',
  'cli.phase.fitting': 'fitting',
  'cli.phase.registering': 'registering',
  'cli.phase.connecting': 'connecting',
  'cli.phase.downloading': 'downloading',
  'cli.phase.photosUp': 'sending photos',
  'cli.phase.predictionsUp': 'sending predictions',
  'cli.phase.eventsUp': 'sending labels',
  'cli.phase.photosDown': 'receiving photos',
  'cli.phase.eventsDown': 'receiving labels',
  'cli.phase.done': 'done',
  'cli.phase.cancelled': 'cancelled',
  'cli.phase.failed': 'failed',
  'cli.progress.photos': '{n, plural, one {# photo} other {# photos}}',
  'cli.progress.rate': '{rate} photos/s',
  'cli.progress.eta': 'ETA {clock}',
  'cli.progress.bytesOf': '{done} of {total}',
  'cli.job.stopped': 'Stopped.',
  'cli.job.cancelling': 'Cancelling... {resumeHint} (Press Ctrl-C again to quit at once.)',
  'cli.import.starting': 'Importing {source} into {library}',
  'cli.import.resumeHint': 'Run the same command again to resume: finished photos are kept.',
  'cli.import.nothingNew':
    'Nothing new: {n, plural, one {the # file of {source} was} other {the # files of {source} were}} already imported.',
  'cli.import.done':
    'Imported {n, plural, one {# new photo} other {# new photos}} from {source} ({size}){duration}.',
  'cli.import.cancelled':
    'Import cancelled after {n, plural, one {# new photo} other {# new photos}}{duration}. {resumeHint}',
  'cli.import.failed':
    'Import failed after {n, plural, one {# new photo} other {# new photos}}{duration}.',
  'cli.import.inDuration': ' in {duration}',
  'cli.import.field.imported': 'Imported',
  'cli.import.field.duplicates': 'Duplicates skipped',
  'cli.import.field.alreadyDone': 'Already imported',
  'cli.import.alreadyDoneValue': '{n} (by an earlier import of this folder)',
  'cli.import.field.unreadable': 'Unreadable files',
  'cli.import.field.classified': 'Classified',
  'cli.import.field.filesSeen': 'Files seen',
  'cli.import.field.importId': 'Import id',
  'cli.import.unreadableHeading': 'Unreadable files (skipped; the rest of the card was imported):',
  'cli.import.moreErrors': '... and {n} more (see `imports`)',
  'cli.import.failedGeneric': 'the import failed.',
  'cli.import.cancelledNote': 'Import cancelled. {resumeHint}',
  'cli.export.photos': '{n, plural, one {# photo} other {# photos}}',
  'cli.export.plan': 'Exporting {photos} to {dest}{skipped}.{unsure}',
  'cli.export.skipped': ' ({n, plural, one {# photo} other {# photos}} without any label skipped)',
  'cli.export.unsureLeftOut':
    ' {n, plural, one {# photo} other {# photos}} answered "unsure" left out (--include-unsure lists them).',
  'cli.export.unsureIncluded':
    ' {n, plural, one {# photo} other {# photos}} answered "unsure" listed without a label.',
  'cli.export.result': 'Exported {photos} to {dest} in {duration}:',
  'cli.export.files': 'Files: {files}',
  'cli.export.total': 'total',
  'cli.export.conflicts':
    '{n, plural, one {# photo} other {# photos}} labeled differently by two people: exported once under the latest decision, every decision listed in conflicts.csv (see manifest.json "conflicts").',
  'cli.export.receiving':
    'Receiving {n, plural, one {# inspection} other {# inspections}} ({photos} on the hub, each fetched once) into {cache}.',
  'cli.export.hubResumeHint':
    'Photos already received stay in {cache}; run the same export again to continue.',
  'cli.export.resumeHint':
    'The destination keeps what was written; export again into an empty folder.',
  'cli.export.failed': 'The export failed.',
  'cli.export.cancelled': 'Export cancelled.',
  'cli.table.label': 'LABEL',
  'cli.table.photos': 'PHOTOS',
  'cli.table.total': 'TOTAL',
  'cli.models.none': 'No models registered. Add one with `models add <folder> --activate`.',
  'cli.table.id': 'ID',
  'cli.table.name': 'NAME',
  'cli.table.labels': 'LABELS',
  'cli.table.added': 'ADDED',
  'cli.models.activeMark': '* = active model',
  'cli.models.noReviewed': '{model}: no reviewed photo has a prediction of this model yet',
  'cli.models.accuracy':
    '{model}: accuracy {accuracy}, balanced {balanced} on {n, plural, one {# reviewed photo} other {# reviewed photos}}',
  'cli.table.precision': 'PRECISION',
  'cli.table.recall': 'RECALL',
  'cli.table.support': 'SUPPORT',
  'cli.models.confusion': 'Confusion matrix (rows = reviewer label, columns = predicted):',
  'cli.models.classified':
    'Classified {n, plural, one {# photo} other {# photos}} with {model} in {duration}{failed}.',
  'cli.models.classifyFailed': ', {n, plural, one {# photo} other {# photos}} failed',
  'cli.models.moreFailed': '... and {n, plural, one {# more photo} other {# more photos}}',
  'cli.models.added': 'Added {model} ({name}; labels {labels}).',
  'cli.models.addedActive': 'Added {model} ({name}; labels {labels}), now the active model.',
  'cli.models.activateHint': 'Activate it with: models activate {model}',
  'cli.models.wrote': 'Wrote {path} (labels from {from}, output {output}).',
  'cli.models.assumed': 'assumed: {note}',
  'cli.models.checkThenAdd': 'Check it, then: models add {dir}',
  'cli.models.nowActive': '{model} is now the active model.',
  'cli.models.classifyResume': 'Run the same command again to classify the rest.',
  'cli.models.classifyFailedGeneric': 'Classification failed.',
  'cli.models.improveHeadline':
    'Fitted a new head on {train, plural, one {# reviewed photo} other {# reviewed photos}}; measured on {heldOut, plural, one {# held-out photo} other {# held-out photos}} ({groups, plural, one {# near-duplicate group} other {# near-duplicate groups}}: {groupedBy}).',
  'cli.models.newLabels': 'New labels: {labels}.',
  'cli.table.heldOut': 'HELD-OUT',
  'cli.models.rowAccuracy': 'accuracy',
  'cli.models.rowBalanced': 'balanced accuracy',
  'cli.models.rowRecall': 'recall {label}',
  'cli.models.parentOnHeldOut': 'Parent on the held-out photos:',
  'cli.models.newOnHeldOut': 'New model on the held-out photos:',
  'cli.models.wroteModel': 'Wrote {dir} (model.onnx, model.json, MODEL_CARD.md) in {duration}.',
  'cli.models.activateThenClassify':
    'Activate it with: models activate {model}   (then: models classify)',
  'cli.models.improveResume': 'Nothing was registered; run the same command again.',
  'cli.models.improveFailed': 'Improve failed.',
  'cli.models.backfillResume': 'Run the same command again to continue.',
  'cli.models.backfillFailed': 'Backfill failed.',
  'cli.models.backfilled':
    'Embeddings of {model}: {converted, plural, one {# photo converted} other {# photos converted}}, {computed, plural, one {# photo computed} other {# photos computed}}{failed} in {duration}.',
  'cli.summary.library': 'Library',
  'cli.summary.photos': 'Photos',
  'cli.summary.reviewed': 'Reviewed',
  'cli.summary.unclassified': 'Not classified',
  'cli.summary.activeModel': 'Active model',
  'cli.summary.noActiveModel': 'none (add one with `models add <dir> --activate`)',
  'cli.table.reviewed': 'REVIEWED',
  'cli.table.predictedOnly': 'PREDICTED ONLY',
  'cli.imports.none': 'No imports yet. Import an SD card with `import <folder>`.',
  'cli.table.started': 'STARTED',
  'cli.table.status': 'STATUS',
  'cli.table.source': 'SOURCE',
  'cli.table.imported': 'IMPORTED',
  'cli.table.duplicates': 'DUPLICATES',
  'cli.table.errors': 'ERRORS',
  'cli.table.size': 'SIZE',
  'cli.table.took': 'TOOK',
  'cli.imports.status.running': 'running',
  'cli.imports.status.done': 'done',
  'cli.imports.status.cancelled': 'cancelled',
  'cli.imports.status.failed': 'failed',
  'cli.imports.unreadable':
    'Import {id}: {n, plural, one {# unreadable file} other {# unreadable files}}',
  'cli.settings.reviewer': 'reviewer',
  'cli.settings.language': 'language',
  'cli.settings.reviewerUnset': '(not set: your user name is recorded)',
  'cli.table.file': 'FILE',
  'cli.table.tube': 'TUBE',
  'cli.table.predicted': 'PREDICTED',
  'cli.table.conf': 'CONF',
  'cli.table.reviewedYesNo': 'REVIEWED',
  'cli.list.yes': 'yes',
  'cli.list.no': 'no',
  'cli.list.unsure': 'unsure',
  'cli.list.none': 'No photos match.',
  'cli.list.shownOf':
    '{shown} of {n, plural, one {# photo} other {# photos}} shown (raise --limit to see more).',
  'cli.list.count': '{n, plural, one {# photo} other {# photos}}.',
  'cli.table.similarity': 'SIMILARITY',
  'cli.table.score': 'SCORE',
  'cli.table.why': 'WHY',
  'cli.similar.reason':
    "{agreeing} of its {n, plural, one {# most similar reviewed photo is} other {# most similar reviewed photos are}} '{label}'",
  'cli.similar.likelyMislabeled': ' (likely mislabeled)',
  'cli.similar.noSuspects': 'No photo disagrees with its most similar reviewed photos.',
  'cli.show.unreviewed': '(unreviewed)',
  'cli.show.unsure': 'unsure',
  'cli.show.noNote': '(no note)',
  'cli.show.noteCleared': '{at}  {author} cleared the note (was {old})',
  'cli.show.noteWrote': '{at}  {author} wrote: {text}',
  'cli.show.noteRewrote': '{at}  {author} wrote: {text} (was {old})',
  'cli.show.history.set': '{at}  {reviewer} labeled: {change}',
  'cli.show.history.accept': '{at}  {reviewer} accepted: {change}',
  'cli.show.history.undo': '{at}  {reviewer} undid: {change}',
  'cli.show.byModel': ' (model {model})',
  'cli.show.tubePosition': 'row {row}, column {col}',
  'cli.show.notClassified': 'not classified yet (run `models classify`)',
  'cli.show.reviewedBy': '{label} (reviewed by {reviewer}, {at})',
  'cli.show.unsureBy': 'none: unsure (answered by {reviewer}, {at})',
  'cli.show.notReviewed': 'not reviewed',
  'cli.show.field.tube': 'Tube',
  'cli.show.field.captured': 'Captured',
  'cli.show.capturedFromExif': '{at} (from EXIF)',
  'cli.show.capturedFromFile': '{at} (from file date)',
  'cli.show.field.imported': 'Imported',
  'cli.show.importedValue': '{at}, import #{id}',
  'cli.show.field.onCard': 'On the card',
  'cli.show.field.size': 'Size',
  'cli.show.field.predicted': 'Predicted',
  'cli.show.field.label': 'Label',
  'cli.show.field.note': 'Note',
  'cli.show.field.file': 'File',
  'cli.show.scores': 'Scores',
  'cli.table.model': 'MODEL',
  'cli.show.history': 'History',
  'cli.show.noDecisions': 'no decisions yet',
  'cli.show.noteHistory': 'Note history',
  'cli.review.unchanged': 'unchanged',
  'cli.review.more': '... and {n} more',
  'cli.review.labeled':
    'Labeled {n, plural, one {# photo} other {# photos}} as "{label}"{already}.',
  'cli.review.alreadyHad': ' ({n} already had it)',
  'cli.review.accepted': 'Accepted the prediction for {n, plural, one {# photo} other {# photos}}.',
  'cli.review.undid': 'Undid the last decision ({n, plural, one {# photo} other {# photos}}).',
  'cli.review.markedUnsure':
    'Marked {n, plural, one {# photo} other {# photos}} as unsure{already}.',
  'cli.review.alreadyUnsure': ' ({n} already were)',
  'cli.review.noteSaved': 'note saved: {text}',
  'cli.review.noteCleared': 'note cleared',
  'cli.bundle.file': 'Bundle',
  'cli.bundle.photos': 'Photos',
  'cli.bundle.predictions': 'Predictions',
  'cli.bundle.events': 'Label events',
  'cli.bundle.size': 'Size',
  'cli.bundle.conflicts': 'Conflicts',
  'cli.bundle.newOf': '{added} new of {total}',
  'cli.bundle.new': '{added} new',
  'cli.bundle.nothingNew': 'Nothing new: this library already had everything in the bundle.',
  'cli.bundle.conflictsNote':
    '{n, plural, one {# photo was} other {# photos were}} labeled differently by two people: list them with `list --conflict` and choose their label.',
  'cli.sync.hub': 'Hub',
  'cli.sync.photosSent': 'Photos sent',
  'cli.sync.alreadyOnHub': 'Already on hub',
  'cli.sync.eventsSent': 'Label events sent',
  'cli.sync.predictionsSent': 'Predictions sent',
  'cli.sync.photosReceived': 'Photos received',
  'cli.sync.eventsReceived': 'Label events received',
  'cli.sync.predictionsReceived': 'Predictions received',
  'cli.sync.conflicts': 'Conflicts',
  'cli.sync.took': 'Took',
  'cli.sync.conflictsHint':
    'List the photos two people labeled differently with `list --conflict`.',
  'cli.hub.migrated': 'Hub schema updated: applied {applied}.',
  'cli.hub.upToDate': 'Hub schema already up to date.',
  'cli.inspections.none':
    'No inspections yet: each import of an SD card starts one. Import with `import <folder>`.',
  'cli.table.imports': 'IMPORTS',
  'cli.table.tubes': 'TUBES',
  'cli.inspections.notPhotographed': 'not photographed',
  'cli.inspections.noLabel': 'no label',
  'cli.inspections.reviewedBy': 'reviewed by {reviewer}',
  'cli.inspections.model': 'model {confidence}',
  'cli.inspections.state': '{label} ({who})',
  'cli.inspections.noTubePhoto':
    'No photo of tube {tube} (row {row}, column {col}) in this library.',
  'cli.inspections.tubeHeading': 'Tube {tube} (row {row}, column {col}):',
  'cli.table.inspection': 'INSPECTION',
  'cli.table.taken': 'TAKEN',
  'cli.table.by': 'BY',
  'cli.table.photo': 'PHOTO',
  'cli.inspections.compared':
    '{before} -> {after}: {changed, plural, one {# tube changed} other {# tubes changed}}, {unchanged} unchanged.',
  'cli.table.change': 'CHANGE',
  'cli.table.before': 'BEFORE',
  'cli.table.after': 'AFTER',
  'cli.inspections.kind.worsened': 'worsened',
  'cli.inspections.kind.cleared': 'cleared',
  'cli.inspections.kind.changed': 'changed',
  'cli.inspections.kind.added': 'added',
  'cli.inspections.kind.missing': 'missing',
  'cli.inspections.renamed': 'Inspection #{id} is now called "{title}".',
  'cli.inspections.grouped':
    'Inspection #{id} "{title}" now holds imports {imports} ({photos, plural, one {# photo} other {# photos}}, {tubes, plural, one {# tube} other {# tubes}}).',
  'cli.inspections.layoutNone': 'Tube sheet: rows x columns from the photos (no layout set).',
  'cli.inspections.layoutGrid': 'Tube sheet: grid, {pitch} pitch.',
  'cli.inspections.layoutPositions':
    'Tube sheet: {n, plural, one {# tube position} other {# tube positions}}{name}.',
  'cli.inspections.wroteCsv':
    'Wrote {n, plural, one {# changed tube} other {# changed tubes}} to {file}',
  'cli.report.wrote': 'Wrote the report of inspection #{id} to {file}',
  'cli.report.noChromium':
    'No Chromium found (looked for {looked}): wrote the report as HTML to {file}; open it in a browser and print it to PDF.',
  'cli.help.usage': 'Usage: {program} <command> [options]',
  'cli.help.intro':
    'Inspection Desk from the command line: import SD cards, review and export labeled photos.',
  'cli.help.commands': 'Commands:',
  'cli.help.helpCommand': 'show help for a command: {program} help <command>',
  'cli.help.globalOptions': 'Global options:',
  'cli.help.libraryOption':
    "library folder (default: $INSPECTION_DESK_LIBRARY or the app's data folder)",
  'cli.help.helpOption': 'show help',
  'cli.help.versionOption': 'print the version',
  'cli.help.languageNote':
    "Output is in the library's language (`settings --language`), or in\n$INSPECTION_DESK_LANGUAGE (en or pt-BR) when set; --json output is the same in both.",
  'cli.help.missingCommand': 'Missing command.',
  'cli.help.unknownCommand': 'Unknown command "{name}".',
  'cli.help.summary.import': 'import the photos of an SD card or folder (resumable)',
  'cli.help.summary.list': 'list photos with their prediction and label (filters, sorts)',
  'cli.help.summary.show': 'show one photo: file, scores, label and note history',
  'cli.help.summary.label': 'set the label of photos (by id, sha256 or file name, or by filters)',
  'cli.help.summary.accept': "accept the model's prediction as the label of photos",
  'cli.help.summary.undo': 'revert the last label decision',
  'cli.help.summary.unsure': 'answer "unsure / skip" for photos (no label; undo reverts it)',
  'cli.help.summary.note': "show, write or clear a photo's note",
  'cli.help.summary.export': 'export the labeled photos as a training dataset',
  'cli.help.summary.bundle': 'carry inspections between laptops in one file (USB stick)',
  'cli.help.summary.sync': 'send and receive photos and labels through the hub (PostgreSQL + S3)',
  'cli.help.summary.hub': 'set up the hub (schema, role, bucket)',
  'cli.help.summary.models': 'list, add, activate, run and compare classification models',
  'cli.help.summary.summary': 'counts per label, review progress and model accuracy',
  'cli.help.summary.imports': 'list past imports and their unreadable files',
  'cli.help.summary.settings': 'show or change the reviewer name and language',
  'cli.help.summary.inspections': 'list, rename and group inspections; set the tube sheet layout',
  'cli.help.summary.tube': 'one tube in every inspection (its history)',
  'cli.help.summary.compareInspections': 'tubes that changed between two inspections',
  'cli.help.summary.report': 'the inspection report, as PDF or HTML',
  // end cli
} as const;

export type CoreMessageKey = keyof typeof coreEn;
export type CoreMessages = Record<CoreMessageKey, string>;
