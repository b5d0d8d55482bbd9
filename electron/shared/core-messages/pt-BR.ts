/** Brazilian Portuguese text of every core message (keys and syntax: see `en.ts`). */
import type { CoreMessages } from './en.js';

export const corePtBR: CoreMessages = {
  'error.internal':
    'Erro inesperado: {detail}. Tente de novo; se acontecer outra vez, anote o que você fez e informe o suporte.',
  'error.diskFull':
    'O disco da biblioteca está cheio, por isso esta alteração não foi salva. Libere espaço e tente de novo; nada do que foi salvo antes se perdeu.',
  'jobs.notFound':
    'Não há tarefa {jobId}. Ela pode ser de uma sessão anterior; liste as tarefas para ver as atuais.',
  'jobs.alreadyRunning.import':
    'Já há uma importação em andamento. Espere que termine (ou cancele-a) e então inicie esta.',
  // desktop natives (the SQLite module built for the runtime that opens the library)
  'library.nativeBindingMissing':
    'O módulo SQLite deste aplicativo ({file}) não foi encontrado. Num checkout, execute "npm run prepare:electron"; caso contrário, reinstale o Inspection Desk.',
  'library.nativeBindingMismatch':
    'O módulo SQLite {file} foi compilado para outro runtime ({detail}). Num checkout, execute "npm run prepare:electron"; caso contrário, reinstale o Inspection Desk.',
  // jobs (review trust)
  'jobs.alreadyRunning.export':
    'Já há uma exportação em andamento. Espere que termine (ou cancele-a) e então exporte de novo.',
  'jobs.alreadyRunning.classify':
    'Já há uma classificação em andamento. Espere que termine (ou cancele-a) e então inicie esta.',
  // library, jobs, app, cli, main (review trust)
  'library.modelNotFound':
    'Não há modelo "{modelId}" nesta biblioteca. Liste os modelos para ver os registrados.',
  'library.photosNotFound':
    '{count, plural, one {A foto} other {As fotos}} {ids}{more, plural, =0 {} other { e mais #}} não {count, plural, one {está} other {estão}} nesta biblioteca. Recarregue a lista: {count, plural, one {ela pode ser} other {elas podem ser}} de outra biblioteca.',
  'library.cursorInvalid':
    'O cursor de página não é válido ({reason}). Carregue a lista de novo a partir da primeira página.',
  'library.cannotCreateFolder':
    'Não foi possível criar a pasta da biblioteca {dir}: {detail}. Escolha outro local para a biblioteca.',
  'library.unreadable':
    '{file} não é uma biblioteca do Inspection Desk legível ({detail}). Escolha outra pasta ou restaure-a de um backup.',
  'library.newerSchema':
    'Esta biblioteca foi gravada por um Inspection Desk mais novo (esquema {current}, esta versão conhece {known}). Atualize o aplicativo.',
  'jobs.cancelled': 'Cancelado pelo usuário. Execute de novo para continuar.',
  'app.unknownMethod': 'Não existe o método "{method}".',
  'app.invalidArguments': 'Argumentos inválidos para {method}: {issues}',
  'cli.noPhotoMatches':
    'Nenhuma foto corresponde a "{ref}". Informe o id (veja `list`), ao menos 8 caracteres do sha256 ou o nome do arquivo.',
  'main.methodNotString': 'O nome do método deve ser um texto como "library.list".',
  // review
  'review.noActiveModel':
    'Nenhum modelo está ativo, então não há previsão para aceitar. Ative um modelo ou escolha o rótulo você mesmo.',
  'review.unclassified':
    '{names}{more, plural, =0 {} one { e mais #} other { e mais #}} não {count, plural, one {tem} other {têm}} previsão de {modelId} para aceitar. Classifique {count, plural, one {a foto} other {as fotos}} antes ou escolha o rótulo você mesmo; nada foi alterado.',
  'review.nothingToUndo':
    'Nada a desfazer: {reviewer} não tem decisão de rótulo para reverter nesta sessão.',
  'review.nothingToRedo':
    'Nada a refazer: essa decisão não foi desfeita (ou suas fotos foram rotuladas de novo depois).',
  // improve, embeddings, similar photos (issue 13)
  'improve.noModel':
    'Nenhum modelo está ativo, então não há o que melhorar. Adicione um modelo e ative-o, ou indique um com --model.',
  'improve.noEmbedding':
    'O modelo {modelId} não tem saída de embedding (o campo "embedding" do seu model.json), então não pode ser melhorado nem comparar fotos. Use um modelo cujo model.json indique a saída de embedding.',
  'improve.alreadyRunning':
    'O modelo já está sendo melhorado (tarefa {jobId}). Espere que termine ou cancele-a.',
  'improve.tooFewReviewed':
    'Só {n, plural, one {# foto revisada tem} other {# fotos revisadas têm}} embedding de {modelId}. Revise pelo menos {min} fotos (com pelo menos {perLabel} de cada rótulo) e melhore de novo.',
  'improve.tooFewLabels':
    'As fotos revisadas têm só {n, plural, one {# rótulo} other {# rótulos}} com pelo menos {perLabel} fotos ({labels}). Um classificador precisa de dois: revise fotos de outro rótulo e melhore de novo.',
  'embeddings.alreadyRunning':
    'Os embeddings já estão sendo calculados (tarefa {jobId}). Espere que termine ou cancele-a.',
  'similar.noEmbedding':
    'A foto {imageId} ainda não tem embedding de {modelId}. Calcule os embeddings que faltam (tela Modelos, ou `models backfill`) e tente de novo.',
  // imaging (reliability): decode failures, also answered by the classify endpoint
  'imaging.empty':
    '`{name}` está vazio (0 bytes); ignorado. A cópia da câmera provavelmente foi interrompida.',
  'imaging.notAnImage': '`{name}` não é uma imagem JPEG, PNG, WebP nem TIFF; ignorado.',
  'imaging.unreadable':
    '`{name}` não é uma imagem legível ({what}); ignorado. Copie-a de novo da câmera se for importante.',
  'imaging.tooLarge':
    '`{name}` é grande demais para decodificar com segurança: o limite é de {megapixels} megapixels; ignorado. Reduza-a antes de importar.',
  'imaging.tooLargeSized':
    '`{name}` é grande demais para decodificar com segurança ({width}x{height}): o limite é de {megapixels} megapixels; ignorado. Reduza-a antes de importar.',
  // cli (reliability)
  'cli.noMatch': 'Nenhuma foto corresponde a esses filtros; nada foi alterado.',
  'cli.nothingToExport':
    'Nada para exportar: nenhuma foto tem rótulo ainda (classifique ou revise fotos primeiro, ou afrouxe os filtros).',
  // export (reliability)
  'export.dest.insideLibrary':
    '{dest} está dentro da pasta da biblioteca {library}. Escolha uma pasta de exportação fora da biblioteca.',
  'export.dest.insideSource':
    '{dest} está dentro de {source}, de onde fotos foram importadas; o Inspection Desk nunca grava em uma origem de importação (um cartão SD). Escolha outra pasta de exportação.',
  'export.dest.isFile':
    '{dest} é um arquivo, não uma pasta. Escolha uma pasta nova ou vazia para a exportação.',
  'export.dest.notEmpty':
    '{dest} não está vazia (contém {shown}). Escolha uma pasta nova ou vazia: uma exportação nunca se mistura com outros arquivos.',
  'export.dest.filledMeanwhile':
    '{dest} foi preenchida por outra coisa durante a exportação. Escolha uma pasta nova ou vazia e exporte de novo.',
  'export.originalMissing':
    'O original de `{name}` (foto {imageId}) não está na biblioteca ({file}). A exportação parou e nada foi gravado; a biblioteca pode estar danificada: importe a foto de novo e então exporte.',
  'export.alreadyRunning':
    'Já há uma exportação em andamento (tarefa {jobId}). Espere que termine ou cancele-a, e então exporte de novo.',
  'export.labelsNotFolderNames':
    'Estes rótulos não podem ser nomes de pasta: {problems}. Troque o rótulo dessas fotos por um mais simples, ou exporte só o labels.csv.',
  'ingest.importNotFound':
    'Não há importação {importId} nesta biblioteca. Liste as importações para ver os números delas.',
  // reliability (fs errors, ingest): owned by the reliability work (issue 14)
  'fs.diskFull':
    'O disco ficou cheio ao gravar {path}. Libere espaço e execute o mesmo comando de novo; nada do que já foi salvo se perdeu.',
  'fs.readOnly':
    '{path} está em um disco somente leitura. Use uma pasta em um disco que aceite gravação.',
  'fs.export.readOnly':
    'A pasta de exportação {path} está em um disco somente leitura (um cartão SD ou pendrive travado, ou um compartilhamento somente leitura). Escolha uma pasta em um disco gravável e exporte de novo; a biblioteca não foi alterada.',
  'fs.export.denied':
    'Você não tem permissão para gravar na pasta de exportação {path}. Escolha uma pasta sua, por exemplo dentro da sua pasta pessoal, e exporte de novo.',
  'fs.library.denied':
    'Não é possível gravar na pasta da biblioteca {path} (permissão negada). Verifique se ela pertence ao seu usuário ou escolha outro local para a biblioteca.',
  'fs.denied': 'Permissão negada para {path}. Verifique se o seu usuário pode lê-lo.',
  'fs.missing': '{path} não existe.',
  'fs.deviceGone':
    'O dispositivo onde está {path} parou de responder (o cartão SD foi retirado?). Insira-o de novo e importe outra vez: as fotos já concluídas são mantidas.',
  'fs.unexpected': 'Erro inesperado com {path}: {detail}',
  'fs.file.denied':
    '`{path}` não pôde ser lido (permissão negada); ignorado. Permita a leitura e importe de novo.',
  'fs.file.disappeared':
    '`{path}` sumiu durante a importação; ignorado. Importe de novo se ele voltar.',
  'fs.file.ioError':
    '`{path}` não pôde ser lido do cartão (erro de entrada/saída: o cartão pode estar danificado); ignorado. Importe de novo; se continuar falhando, copie o cartão com outro leitor.',
  'fs.file.badName':
    '`{path}` tem um nome de arquivo que não é texto válido (não é UTF-8; costuma ser um cartão gravado por outro sistema ou danificado); ignorado. Renomeie-o no próprio aparelho do cartão, ou copie a foto para uma pasta com um nome simples e importe-a.',
  'fs.file.tooLarge':
    '`{path}` é grande demais para uma foto, ou continuou crescendo enquanto era lido; ignorado. Verifique o que é esse arquivo no cartão.',
  'fs.file.unreadable':
    '`{path}` não pôde ser lido ({detail}); ignorado. Importe de novo para tentar outra vez.',
  'ingest.file.tooLarge':
    '`{path}` tem {size}, grande demais para uma foto; ignorado. Verifique o que é esse arquivo no cartão.',
  'ingest.file.empty':
    '`{path}` está vazio (0 bytes): o robô provavelmente não terminou de gravá-lo; ignorado. Fotografe este tubo de novo se for importante.',
  'ingest.file.notAnImage':
    '`{path}` não é uma foto (o conteúdo não é JPEG, PNG, WebP nem TIFF, seja qual for o nome); ignorado.',
  'ingest.file.unsupportedFormat':
    '`{path}` é um arquivo {format}, formato que o Inspection Desk não importa (ele aceita fotos estáticas JPEG, PNG, WebP e TIFF); ignorado. Configure a câmera para JPEG, ou converta o arquivo para JPEG e importe-o.',
  'ingest.file.unreadableImage': '`{path}` não é uma imagem legível ({detail}); ignorado.',
  'ingest.file.corrupt':
    '`{path}` está danificado ({detail}): os dados da imagem estão corrompidos, por isso não foi importado. Copie-o de novo do robô se ainda o tiver.',
  'ingest.file.dimensionsMismatch':
    '`{path}` diz ter {claimed} pixels mas contém {actual}: o arquivo está danificado; ignorado.',
  'ingest.sourceGone':
    'A pasta {source} sumiu durante a importação (o cartão SD foi retirado?). {finished, plural, one {# foto concluída até agora foi mantida} other {# fotos concluídas até agora foram mantidas}}; insira o cartão de novo e importe outra vez para concluir o resto.',
  'ingest.source.notFound':
    'A pasta {source} não existe. Verifique se o cartão SD está inserido e se o caminho está certo.',
  'ingest.source.denied':
    'A pasta {source} não pode ser lida (permissão negada). Verifique se o seu usuário pode abri-la, ou copie o cartão para uma pasta sua e importe-a.',
  'ingest.source.isFile':
    '{source} é um arquivo, não uma pasta. Escolha a pasta que contém as fotos (o próprio cartão SD ou a pasta DCIM dele).',
  'ingest.source.insideLibrary':
    '{source} está dentro da pasta da biblioteca {library}. Importe do cartão SD ou de uma pasta fora da biblioteca.',
  'ingest.diskFull':
    'O disco da biblioteca está cheio. Libere espaço e importe de novo; as fotos já importadas são mantidas.',
  // sync: pacotes e o hub
  'bundle.unknownImport':
    'A importação {importId} não está nesta biblioteca. Liste as importações para ver os números e exporte de novo.',
  'bundle.fileNotFound':
    'Não há pacote em {file}. Confira o caminho (por exemplo, no pendrive) e importe de novo.',
  'bundle.notABundle':
    '{file} não é um pacote do Inspection Desk ({detail}). Escolha o arquivo gravado por "bundle export"; nada foi alterado.',
  'bundle.damaged':
    'O pacote {file} está danificado ({detail}). Copie-o de novo do outro notebook e importe de novo; nada foi alterado.',
  'bundle.newerFormat':
    'O pacote {file} foi gravado por um Inspection Desk mais novo (formato {version}). Atualize este aplicativo e importe de novo; nada foi alterado.',
  'bundle.writeFailed':
    'Não foi possível gravar o pacote {file}: {detail}. Confira se a pasta existe e tem espaço (um pendrive pode estar cheio ou protegido contra gravação) e exporte de novo.',
  'hub.unreachable':
    'Não foi possível acessar o hub {what} ({detail}). Confira a rede e o endereço e sincronize de novo: o que já foi enviado fica guardado e a sincronização continua dali.',
  'hub.badUrl':
    '{what} não é um endereço válido ({reason, select, notUrl {não é uma URL} notPostgres {deve começar com postgres://} password {contém uma senha} noDatabase {não indica o banco de dados} notHttp {deve começar com http:// ou https://} credentials {contém credenciais} noBucket {não indica o bucket: http://host:porta/bucket} other {{reason}}}). Informe-o como postgres://host:porta/banco e http(s)://host:porta/bucket; coloque as senhas no ambiente (PGPASSWORD, AWS_SECRET_ACCESS_KEY), nunca no endereço.',
  'hub.refused':
    'O hub {hub} recusou este notebook ({detail}). Confira PGUSER e PGPASSWORD no ambiente e o nome do banco; quem cuida do hub dá acesso com o papel inspection_desk_sync.',
  'hub.schemaOlder':
    'O hub {hub} tem o esquema versão {version}; este aplicativo precisa da {known}. Peça a quem cuida do hub para rodar "inspection-desk hub migrate" como dono do banco e sincronize de novo.',
  'hub.schemaNewer':
    'O banco do hub tem o esquema versão {version}, mais novo do que este aplicativo conhece ({known}). Atualize o Inspection Desk neste notebook e sincronize de novo.',
  // hub export (export --hub) and Settings sync (issue 16)
  'hubExport.unreachable':
    'Não foi possível acessar o hub {what} ({detail}). Confira a rede e o endereço e rode a mesma exportação de novo: as fotos já recebidas ficam guardadas em {cache} e não são baixadas de novo.',
  'hubExport.unknownInspection':
    'O hub não tem a inspeção "{ref}". Indique-a pela origem (dispositivo/importação) ou pelo nome da pasta do cartão; o hub tem: {known}.',
  'hub.objectsRefused':
    'O armazenamento de objetos de {what} recusou este notebook ({detail}). Confira AWS_ACCESS_KEY_ID e AWS_SECRET_ACCESS_KEY no ambiente em que o Inspection Desk foi aberto (quem cuida do hub os fornece) e sincronize de novo.',
  'hubSync.notConfigured':
    'Nenhum endereço de hub configurado. Informe o hub (postgres://host:porta/banco) e o endereço dos objetos (http(s)://host:porta/bucket) em Configurações, salve e sincronize.',
  // models (manifest, graph check, probes, model files)
  'models.init.noLabels':
    'Não há rótulos para o modelo em {dir}: coloque um labels.txt (um rótulo por linha, na ordem das saídas), um class_indices.json do Keras ou uma lista classes.json ao lado do model.onnx, ou informe-os (--labels a,b).',
  'models.init.noImageInput':
    'O model.onnx não tem entrada de imagem (4 dimensões com 3 canais de cor); as entradas dele são {inputs}. O Inspection Desk classifica fotos coloridas.',
  'models.init.exists':
    '{file} já existe. Edite-o, ou rode o init de novo com --force para substituí-lo.',
  'models.init.badLabels': 'Não foi possível ler {file} como rótulos ({reason}).',
  'models.manifest.invalid': '{source} tem campos a corrigir: {problems}',
  'models.manifest.unreadable':
    'Não foi possível ler {file} ({reason}). Uma pasta de modelo contém model.json e model.onnx.',
  'models.manifest.notJson':
    '{file} não é um JSON válido ({reason}). Corrija o arquivo e adicione o modelo de novo.',
  'models.graph.unreadable':
    '{file} não é um modelo ONNX legível ({reason}). Exporte-o de novo da sua ferramenta de treino, ou escolha outro modelo.',
  'models.graph.outputMissing':
    'O model.json diz output.name "{output}", mas as saídas do model.onnx são {outputs}. Escreva uma delas em output.name.',
  'models.graph.typeMismatch':
    'O model.json diz output.type "{declared}", mas a saída "{output}" do model.onnx vem do nó "{node}" ({opType}), que dá {actual}. Escreva "output": {fix} no model.json e adicione o modelo de novo.',
  'models.graph.v1Mismatch':
    'O model.json (formato 1) diz output.activation "{activation}", então o Inspection Desk trataria a saída como {declared}, mas a saída "{output}" do model.onnx vem do nó "{node}" ({opType}), que dá {actual}. Escreva "schemaVersion": 2 e "output": {fix} no model.json e adicione o modelo de novo.',
  'models.graph.v1Ambiguous':
    'O model.json (formato 1) diz output.activation "{activation}", mas a saída "{output}" do model.onnx vem do nó "{node}" ({opType}), que não mostra se dá probabilidades ou logits. Diga qual: escreva "schemaVersion": 2 e "output": {fix} se o modelo termina no próprio softmax ou sigmoid, ou "type": "logits" se não termina.',
  'models.probe.nonFinite':
    'O modelo respondeu {value} na imagem de teste "{probe}": a saída precisa ser de números finitos. A exportação está com defeito (confira as últimas camadas e a escala da entrada), então ele não foi adicionado.',
  'models.probe.outOfRange':
    'O model.json diz output.type "probabilities", mas na imagem de teste "{probe}" o modelo respondeu {value} para "{label}", fora de 0..1. Se o modelo não termina em softmax ou sigmoid, escreva "type": "logits".',
  'models.probe.notSummingToOne':
    'O model.json diz output.type "probabilities", mas na imagem de teste "{probe}" os {count} valores somam {sum}, não 1. Se o modelo não termina em softmax, escreva "type": "logits"; modelos que pontuam cada rótulo de forma independente (multirrótulo) não são suportados.',
  'models.probe.constant':
    'O modelo deu a mesma resposta ({scores}) para todas as {count} imagens de teste (cores uniformes, ruído e fotos): exportação com defeito ou descrição de entrada errada. Confira input.layout, input.scaling e a exportação, e adicione-o de novo.',
  'models.file.notRegular':
    '{file} não é um arquivo comum ({kind}). Uma pasta de modelo contém model.json e model.onnx como arquivos comuns: copie os arquivos reais para lá.',
  'models.file.tooLarge':
    '{file} tem {size} MB; o Inspection Desk lê no máximo {max} MB para este arquivo. Confira se é o arquivo certo.',
  'models.file.missing':
    'O model.json indica o arquivo "{name}", mas {dir} não tem esse arquivo. Coloque o arquivo ONNX ao lado do model.json.',
  'models.classify.badOutput':
    'O modelo respondeu {value} para esta foto: a saída precisa ser de probabilidades finitas. Confira o modelo (o models add agora recusa modelos assim) ou ative outro.',
  // inspections (inspection domain, tube history, comparisons, the inspection report)
  'inspections.notFound':
    'Não há inspeção "{ref}". Liste-as com `inspections list` (ou escolha uma no Resumo) e use o número ou o nome.',
  'inspections.ambiguous':
    'Mais de uma inspeção se chama "{ref}" (números {ids}). Use o número, ou renomeie uma delas.',
  'inspections.groupNeedsTwo':
    'Para agrupar são precisas pelo menos duas inspeções diferentes. Informe dois ou mais números de inspeção.',
  'inspections.layoutNotJson':
    '{file} não é um JSON válido ({detail}). Corrija o arquivo e carregue de novo; o layout atual foi mantido.',
  'inspections.layoutNotJsonAt':
    '{file} não é JSON válido (o erro está perto da linha {line}, coluna {column}). Corrija o arquivo e carregue-o de novo; o layout atual foi mantido.',
  'inspections.layoutInvalid':
    '{file} não é um layout de espelho de tubos: {detail}. Veja o formato no README; o layout atual foi mantido.',
  'inspections.tubeInvalid':
    '"{ref}" não é um tubo. Escreva como o robô nomeia, por exemplo R07C010 (linha 7, coluna 10).',
  'report.title': 'Relatório de inspeção',
  'report.inspection': 'Inspeção',
  'report.cards': 'Cartões',
  'report.started': 'Fotografado em',
  'report.generated': 'Relatório gerado em',
  'report.model': 'Modelo',
  'report.modelValue': '{name}, versão {version} ({id})',
  'report.noModel': 'nenhum (só rótulos de revisores)',
  'report.reviewers': 'Revisado por',
  'report.reviewerCount': '{reviewer}: {n, plural, one {# foto} other {# fotos}}',
  'report.noReviewer': 'Nenhuma foto foi revisada por uma pessoa ainda.',
  'report.counts': 'Tubos',
  'report.tubesTotal': 'Tubos fotografados',
  'report.photosLine':
    '{photos, plural, one {# foto} other {# fotos}}, {reviewed} revisadas por uma pessoa',
  'report.unsure': 'Incertos (modelo abaixo de {percent}, sem revisão)',
  'report.unreviewed': 'Sem revisão de uma pessoa',
  'report.map': 'Mapa de tubos',
  'report.mapLegend':
    'Cheio: revisado por uma pessoa. Claro: só o modelo. Contorno vermelho: sinalizado.',
  'report.flagged': 'Tubos sinalizados',
  'report.flaggedNone': 'Nenhum tubo sinalizado.',
  'report.flaggedMore':
    '… e mais {n, plural, one {# tubo} other {# tubos}} (veja o mapa de tubos).',
  'report.tube': 'Tubo',
  'report.photo': 'Foto',
  'report.label': 'Rótulo',
  'report.byReviewer': 'revisado por {reviewer}',
  'report.byModel': 'modelo, {percent} de certeza',
  'report.file': 'Arquivo',
  'report.taken': 'Fotografado em',
  'report.changes': 'Mudanças desde a inspeção anterior',
  'report.changesAgainst': 'Comparado com “{title}” ({date}).',
  'report.changesNone': 'Nenhum tubo mudou.',
  'report.noPrevious': 'Esta é a primeira inspeção da biblioteca: não há com o que comparar.',
  'report.before': 'Antes',
  'report.after': 'Agora',
  'report.change': 'Mudança',
  'report.kind.worsened': 'piorou',
  'report.kind.cleared': 'desobstruído',
  'report.kind.changed': 'mudou',
  'report.kind.added': 'novo nesta inspeção',
  'report.kind.missing': 'não fotografado desta vez',
  'report.absent': 'não fotografado',
  'report.unlabeled': 'sem rótulo',
  'report.page': 'Inspection Desk · {title}',
  // validation: problemas do zod em model.json, layouts de espelho, pacotes e argumentos,
  // cada um no idioma de quem lê (electron/core/validation-messages.ts).
  'message.unknown': '{key}',
  'validation.problems': '{problems}',
  'validation.missing': 'falta {field}',
  'validation.missingExpected': 'falta {field}: deve ser {expected}',
  'validation.mustBe': '{field} deve ser {expected} (recebido: {got})',
  'validation.type.string': 'um texto',
  'validation.type.number': 'um número',
  'validation.type.int': 'um número inteiro',
  'validation.type.boolean': 'true ou false',
  'validation.type.object': 'um objeto {…}',
  'validation.type.array': 'uma lista […]',
  'validation.type.null': 'null',
  'validation.type.other': 'do tipo {type}',
  'validation.tooSmall.number': '{field} deve ser no mínimo {minimum} (recebido: {got})',
  'validation.tooSmall.numberExclusive': '{field} deve ser maior que {minimum} (recebido: {got})',
  'validation.tooBig.number': '{field} deve ser no máximo {maximum} (recebido: {got})',
  'validation.tooBig.numberExclusive': '{field} deve ser menor que {maximum} (recebido: {got})',
  'validation.tooSmall.string':
    '{field} deve ter pelo menos {minimum, plural, one {# caractere} other {# caracteres}} (recebido: {got})',
  'validation.tooBig.string':
    '{field} deve ter no máximo {maximum, plural, one {# caractere} other {# caracteres}} (recebido: {got})',
  'validation.tooSmall.array':
    '{field} deve ter pelo menos {minimum, plural, one {# item} other {# itens}} (recebido: {got})',
  'validation.tooBig.array':
    '{field} deve ter no máximo {maximum, plural, one {# item} other {# itens}} (recebido: {got})',
  'validation.format': '{field} não está no formato esperado (recebido: {got})',
  'validation.oneOf': '{field} deve ser um destes: {options} (recebido: {got})',
  'validation.unknownFields':
    '{field} tem {count, plural, one {um campo desconhecido} other {campos desconhecidos}} {keys}: {count, plural, one {remova-o} other {remova-os}} ou confira a grafia',
  'validation.notMultipleOf': '{field} deve ser múltiplo de {divisor} (recebido: {got})',
  'validation.invalid': '{field} não é válido (recebido: {got})',
  'validation.labelEmpty': '{field}: um rótulo não pode ser vazio',
  'validation.labelTooLong': '{field}: um rótulo tem no máximo 64 caracteres (recebido: {got})',
  'validation.labelCharacters':
    '{field}: um rótulo só pode ter letras, dígitos, espaço, "_", "." e "-" (recebido: {got})',
  'validation.splitSum': '{field}: as porcentagens da divisão devem somar 100',
  'validation.chooseDestination': '{field}: escolha uma pasta de destino',
  'validation.inspectionNameEmpty': '{field}: o nome de uma inspeção não pode ser vazio',
  'validation.inspectionNameTooLong':
    '{field}: o nome de uma inspeção tem no máximo 200 caracteres (recebido: {got})',
  'validation.layoutNeedsTube': '{field}: um layout precisa de pelo menos um tubo',
  'validation.groupNeedsTwo': '{field}: agrupe pelo menos duas inspeções',
  'validation.selectPhoto': '{field}: selecione pelo menos uma foto',
  'validation.importFolder': '{field}: informe a pasta a importar',
  'validation.modelFolder': '{field}: informe a pasta do modelo ou o seu model.json',
  'validation.modelOnnxFolder': '{field}: informe a pasta que contém o model.onnx',
  'validation.chooseImport': '{field}: escolha pelo menos uma importação',
  'validation.bundleFileToWrite': '{field}: informe o arquivo de pacote a gravar',
  'validation.bundleFileToImport': '{field}: informe o arquivo de pacote a importar',
  'validation.arguments': 'os argumentos',
  'validation.layout': 'o layout',
  // models: o que cada campo do model.json deve ser (chaves `*.expect.*` são expressões nominais)
  'models.expect.channelTriple': '3 números (R, G, B)',
  'models.expect.positiveNumber': 'um número positivo',
  'models.expect.positiveTriple': '3 números positivos (R, G, B)',
  'models.expect.scalingKind': '"unit" ou "meanStd"',
  'models.expect.scaling': '{"kind":"unit"} ou {"kind":"meanStd","mean":[r,g,b],"std":[r,g,b]}',
  'models.expect.edge': 'um número inteiro de pixels, de 1 a 4096',
  'models.expect.tensorName': 'o nome de um tensor do model.onnx',
  'models.expect.tensorNameNonEmpty': 'um nome de tensor não vazio',
  'models.expect.languageTag': 'uma etiqueta de idioma como "en" ou "pt-BR"',
  'models.expect.labelNamesInner': 'um objeto {rótulo: nome exibido}',
  'models.expect.labelNames':
    'um objeto {idioma: {rótulo: nome exibido}}, p. ex. {"pt-BR": {"clear": "livre"}}',
  'models.expect.idText': 'um id em texto como "pipe-obstruction"',
  'models.expect.idToken': 'letras, dígitos, ".", "_" ou "-" (vira nome de pasta)',
  'models.expect.idMax': 'no máximo 100 caracteres',
  'models.expect.versionText': 'uma versão em texto como "1.0.0"',
  'models.expect.versionToken': 'letras, dígitos, ".", "_" ou "-", como "1.0.0"',
  'models.expect.versionMax': 'no máximo 50 caracteres',
  'models.expect.displayName': 'um nome de exibição',
  'models.expect.displayNameNonEmpty': 'um nome de exibição não vazio',
  'models.expect.text': 'um texto',
  'models.expect.fileText': 'o nome do arquivo ONNX ao lado do model.json',
  'models.expect.fileName':
    'um nome de arquivo ao lado do model.json terminado em .onnx, como "model.onnx"',
  'models.expect.labels': 'uma lista de pelo menos 2 nomes de rótulo, na ordem da saída',
  'models.expect.distinctLabels': 'uma lista de rótulos distintos',
  'models.expect.input': 'um objeto com name, layout, width, height, colorOrder, resize e scaling',
  'models.expect.layout': '"NCHW" ou "NHWC"',
  'models.expect.colorOrder': '"RGB" ou "BGR"',
  'models.expect.resize': '"stretch" ou "center-crop"',
  'models.expect.embedding': '{"name": "<nome da saída de embedding>"}',
  'models.expect.parentModelId': 'o id do modelo de origem, como "pipe-obstruction@1.0.0"',
  'models.expect.threshold': 'um número entre 0 e 1, ou null',
  'models.expect.outputType': '"probabilities" ou "logits"',
  'models.expect.outputV2':
    'um objeto {"name": "<nome da saída>", "type": "probabilities" ou "logits"}',
  'models.expect.activation':
    '"softmax", "sigmoid" ou "none" (ou use schemaVersion 2 com output.type)',
  'models.expect.outputV1': 'um objeto com name e activation',
  'models.manifest.notAnObject':
    '{source} deve conter um objeto JSON que descreve o modelo (recebido: {got}). Corrija o arquivo e adicione o modelo de novo.',
  'models.manifest.schemaVersionMissing':
    'falta schemaVersion: deve ser 2 (ou 1 para o formato antigo)',
  'models.manifest.schemaVersionWrong':
    'schemaVersion deve ser 2 (ou 1 para o formato antigo) (recebido: {got})',
  'models.manifest.thresholdNeedsTwoLabels':
    'threshold deve ser null ou ausente num modelo com mais de 2 rótulos (recebido: {threshold})',
  'models.manifest.sigmoidNeedsTwoLabels':
    'labels deve ter exatamente 2 rótulos com uma saída sigmoid (a saída é P(labels[1])) (recebido: {count})',
  'models.manifest.labelNamesUnknown':
    'labelNames.{language} dá nomes a rótulos que não estão em labels: {labels}',
  // bundle details (polish)
  'bundle.detail.manifestNotJson': 'o manifest.json não é JSON válido ({reason})',
  'bundle.detail.otherFormat': 'o manifesto indica outro formato',
  'bundle.detail.firstEntry': 'começa com {name}, não com manifest.json',
  'bundle.detail.noManifest': 'não contém manifest.json',
  'bundle.detail.checksum': 'uma foto não confere com o seu checksum: {detail}',
  // sweep (polish): mensagens de modelos e da CLI que só existiam em inglês
  'models.noActiveForPhoto':
    'Nenhum modelo está ativo nesta biblioteca, por isso a foto não pode ser classificada. Adicione um modelo (models.add) e ative-o (models.activate).',
  'models.noActiveToClassify':
    'Nenhum modelo está ativo, então não há com que classificar. Adicione um modelo na tela Modelos (models.add) e ative-o, ou indique um com modelId.',
  'models.notFoundKnown': 'Não há modelo "{modelId}" nesta biblioteca. Registrados: {known}.',
  'models.notFoundNone':
    'Não há modelo "{modelId}" nesta biblioteca. Adicione um primeiro (models.add).',
  'models.add.missing':
    '{path} não existe. Informe a pasta do modelo (com model.json e model.onnx) ou o seu model.json.',
  'models.add.notAModel':
    '{path} não é uma pasta de modelo nem um model.json. Escolha a pasta que contém model.json e model.onnx.',
  'models.add.sameIdOtherSettings':
    'Esta biblioteca já tem o modelo "{id}" com outras configurações no model.json. As predições devem ficar ligadas a um só modelo: aumente "version" no model.json (p. ex. "{bump}") e adicione-o de novo.',
  'models.add.sameIdOtherWeights':
    'Esta biblioteca já tem o modelo "{id}" com outros pesos no model.onnx. As predições devem ficar ligadas a um só modelo: aumente "version" no model.json (p. ex. "{bump}") e adicione-o de novo.',
  'models.classify.originalUnreadable':
    'O original guardado de `{name}` não pode ser lido ({reason}); a foto não foi classificada. Importe a foto de novo para restaurá-lo.',
  'cli.ambiguousPhoto':
    '"{ref}" corresponde a {count} fotos; use o id ou um prefixo maior do sha256:\n{candidates}',
  'export.labelFolder.problem': '"{label}" ({why})',
  'export.labelFolder.caseOnly': '"{a}" e "{b}" (diferem só em maiúsculas/minúsculas)',
  'export.labelFolder.characters':
    'só são permitidos letras, dígitos, espaço, "_", "." e "-", sem espaços no início ou no fim',
  'export.labelFolder.dots': 'é feito só de pontos',
  'export.labelFolder.trailing': 'o Windows remove um ponto ou espaço final de nomes de pasta',
  'export.labelFolder.reserved': 'o Windows reserva este nome',
  // models: model.onnx contra model.json (inference/session.ts)
  'models.session.fix':
    '{problem}. Corrija o model.json (ou exporte o model.onnx de novo) e adicione o modelo outra vez.',
  'models.session.inputName':
    'o model.json diz input.name "{name}", mas a entrada do model.onnx é {inputs}',
  'models.session.extraInputs':
    'o model.onnx precisa de mais entradas além da imagem ({extra}); o Inspection Desk fornece só "{name}"',
  'models.session.inputType':
    'a entrada "{name}" do model.onnx recebe valores {type}; o Inspection Desk fornece float32',
  'models.session.inputRank':
    'a entrada "{name}" do model.onnx tem {rank} dimensões [{dims}]; um modelo de imagem recebe 4 (lote, canais, altura e largura, em alguma ordem)',
  'models.session.layout':
    'o model.json diz input.layout "{layout}", mas o model.onnx espera {expected} (formato [{dims}])',
  'models.session.channels':
    'a entrada "{name}" do model.onnx tem {channels} canais; o Inspection Desk fornece 3 (fotos coloridas)',
  'models.session.width':
    'o model.json diz input.width {declared}, mas o model.onnx espera {actual}',
  'models.session.height':
    'o model.json diz input.height {declared}, mas o model.onnx espera {actual}',
  'models.session.outputName':
    'o model.json diz {field} "{name}", mas as saídas do model.onnx são {outputs}',
  'models.session.runFails':
    'o model.onnx falha com uma entrada {layout} {width}x{height} como o model.json a descreve ({reason})',
  'models.session.sigmoidSize':
    'o model.json diz output.activation "sigmoid", então uma saída sigmoid dá 1 valor, P(labels[1]), mas "{name}" do model.onnx dá {perImage} valores por imagem; com um valor por rótulo escreva "schemaVersion": 2 e "output": {fix}',
  'models.session.outputSize':
    'o model.json lista {count} rótulos {labels}, então "{name}" do model.onnx deve dar um valor por rótulo{count, plural, =2 { (ou um valor, P(labels[1]))} other {}}, mas dá {perImage, plural, one {# valor} other {# valores}} por imagem',
  'models.session.outputNotFloat': 'a saída "{name}" do model.onnx é {type}, não float32',
  'models.session.threadFailed':
    'A thread de inferência não pôde iniciar ({reason}). Reinstale o Inspection Desk.',
  'models.session.cannotLoad':
    'O model.onnx não pode ser carregado ({reason}): exporte-o de novo ou escolha outro modelo.',
  // unsure answers and notes (issue 11)
  'export.unsureFolderTaken':
    'Há um rótulo chamado “{label}”, o nome da pasta das fotos incertas ({folder}). Renomeie esse rótulo ou exporte sem as fotos incertas.',
  'cli.noteTooLong':
    'Esta nota tem {length} caracteres; uma nota guarda no máximo {max}. Encurte-a e tente de novo.',
  // transport: the HTTP server's own refusals (electron/server) and the renderer's
  // transport failures (renderer/client). Commands, headers and curl lines are values.
  'transport.serverUnreachable':
    'O servidor do Inspection Desk não responde. Verifique se ele continua em execução neste computador e tente de novo.',
  'transport.unreadableBody':
    'O servidor respondeu a {method} com HTTP {status} e sem um corpo legível. Tente de novo; se acontecer outra vez, reinicie o Inspection Desk.',
  'transport.httpStatus':
    'O servidor respondeu a {method} com HTTP {status}. Tente de novo; se acontecer outra vez, reinicie o Inspection Desk.',
  'transport.callFailed':
    '{method} falhou sem dizer por quê. Tente de novo; se acontecer outra vez, reinicie o Inspection Desk.',
  'transport.noContentType': 'nenhum Content-Type',
  'transport.forbidden.host':
    'Este servidor só responde a requisições endereçadas a ele pelo nome local (recebido: Host "{host}"). Abra-o em http://127.0.0.1 ou http://localhost, com a porta.',
  'transport.forbidden.origin':
    'Requisições de outros sites ({origin}) não são permitidas: o Inspection Desk só aceita comandos da sua própria página.',
  'transport.forbidden.crossSite':
    'Requisições de outros sites não são permitidas: o Inspection Desk só aceita comandos da sua própria página.',
  'transport.api.noRoute':
    'Não há rota de API {path}. Os métodos são chamados com POST {prefix}<método>, por exemplo {prefix}library.info.',
  'transport.events.useGet': 'Assine os eventos com GET.',
  'transport.rpc.usePost': 'Chame {path} com POST e os argumentos num corpo JSON.',
  'transport.rpc.notJson':
    'Envie os argumentos de {method} em JSON, com Content-Type: application/json (recebido: {got}), por exemplo {curl}',
  'transport.rpc.invalidJson':
    'O corpo da requisição não é um JSON válido ({detail}). Envie os argumentos do método como um objeto JSON, por exemplo {example}, ou um corpo vazio se não houver argumentos.',
  'transport.rpc.tooLarge':
    'Os argumentos passam de {limit}. Envie menos itens por chamada (pagine os resultados).',
  'transport.media.notFound':
    'Esta foto não existe nesta biblioteca. Os endereços das fotos vêm da API (thumbUrl, originalUrl).',
  'transport.media.useGet': 'As fotos são lidas com GET.',
  'transport.static.useGet': 'As páginas são lidas com GET.',
  'transport.static.notFound':
    'Não há nada em {path}. Abra o aplicativo em / e siga os links dele.',
  'transport.classify.howToSend': 'Envie a foto num campo de formulário chamado "{field}": {curl}',
  'transport.classify.usePost': 'Use POST. {hint}',
  'transport.classify.unsupportedType':
    'Era esperado multipart/form-data ou um corpo image/*, mas veio {got}. {hint}',
  'transport.classify.badMultipart': 'Não foi possível ler o corpo multipart ({detail}). {hint}',
  'transport.classify.noImageField':
    'O formulário não tem o campo "{field}"{count, plural, =0 {} other { (recebidos: {sent})}}. {hint}',
  'transport.classify.imageIsText':
    'O campo "{field}" é texto, não um arquivo. {hint} (atenção ao @).',
  'transport.classify.imageTooLarge':
    'A imagem passa de {limit}. Envie uma foto menor (os JPEGs de câmera têm poucos MB).',
  'transport.classify.busy':
    'O servidor está classificando o máximo de fotos que consegue agora. Envie esta de novo em {seconds} s (veja Retry-After) ou envie menos fotos de uma vez.',
  'transport.classify.emptyImage': 'A imagem está vazia (0 bytes). {hint}',
  // cli: the command line's own output (progress, summaries, tables, notes), in the
  // library's language or $INSPECTION_DESK_LANGUAGE
  'cli.errorPrefix': 'Erro: ',
  'cli.phase.starting': 'iniciando',
  'cli.phase.scanning': 'procurando',
  'cli.phase.importing': 'importando',
  'cli.phase.classifying': 'classificando',
  'cli.phase.copying': 'copiando',
  'cli.phase.writing': 'gravando',
  'cli.phase.reading': 'lendo',
  'cli.phase.merging': 'mesclando',
  'cli.phase.converting': 'convertendo',
  'cli.phase.embedding': 'calculando embeddings',
  'cli.phase.grouping': 'agrupando',
  'cli.phase.fitting': 'ajustando',
  'cli.phase.registering': 'registrando',
  'cli.phase.connecting': 'conectando',
  'cli.phase.downloading': 'baixando',
  'cli.phase.photosUp': 'enviando fotos',
  'cli.phase.predictionsUp': 'enviando previsões',
  'cli.phase.eventsUp': 'enviando rótulos',
  'cli.phase.photosDown': 'recebendo fotos',
  'cli.phase.eventsDown': 'recebendo rótulos',
  'cli.phase.done': 'concluído',
  'cli.phase.cancelled': 'cancelado',
  'cli.phase.failed': 'falhou',
  'cli.progress.photos': '{n, plural, =0 {nenhuma foto} one {# foto} other {# fotos}}',
  'cli.progress.rate': '{rate} fotos/s',
  'cli.progress.eta': 'faltam {clock}',
  'cli.progress.bytesOf': '{done} de {total}',
  'cli.job.stopped': 'Interrompido.',
  'cli.job.cancelling': 'Cancelando... {resumeHint} (Pressione Ctrl-C de novo para sair na hora.)',
  'cli.import.starting': 'Importando {source} para {library}',
  'cli.import.resumeHint':
    'Rode o mesmo comando de novo para retomar: as fotos já importadas ficam.',
  'cli.import.nothingNew':
    'Nada novo: {n, plural, one {o # arquivo de {source} já tinha sido importado} other {os # arquivos de {source} já tinham sido importados}}.',
  'cli.import.done':
    '{n, plural, one {Importada # foto nova} other {Importadas # fotos novas}} de {source} ({size}){duration}.',
  'cli.import.cancelled':
    'Importação cancelada depois de {n, plural, one {# foto nova} other {# fotos novas}}{duration}. {resumeHint}',
  'cli.import.failed':
    'A importação falhou depois de {n, plural, one {# foto nova} other {# fotos novas}}{duration}.',
  'cli.import.inDuration': ' em {duration}',
  'cli.import.field.imported': 'Importadas',
  'cli.import.field.duplicates': 'Duplicatas ignoradas',
  'cli.import.field.alreadyDone': 'Já importadas',
  'cli.import.alreadyDoneValue': '{n} (numa importação anterior desta pasta)',
  'cli.import.field.unreadable': 'Arquivos ilegíveis',
  'cli.import.field.classified': 'Classificadas',
  'cli.import.field.filesSeen': 'Arquivos vistos',
  'cli.import.field.importId': 'Nº da importação',
  'cli.import.unreadableHeading':
    'Arquivos ilegíveis (ignorados; o resto do cartão foi importado):',
  'cli.import.moreErrors': '... e mais {n} (veja `imports`)',
  'cli.import.failedGeneric': 'a importação falhou.',
  'cli.import.cancelledNote': 'Importação cancelada. {resumeHint}',
  'cli.export.photos': '{n, plural, one {# foto} other {# fotos}}',
  'cli.export.plan': 'Exportando {photos} para {dest}{skipped}.{unsure}',
  'cli.export.skipped':
    ' ({n, plural, one {# foto sem rótulo ignorada} other {# fotos sem rótulo ignoradas}})',
  'cli.export.unsureLeftOut':
    ' {n, plural, one {# foto respondida} other {# fotos respondidas}} como "incerta" ficaram de fora (--include-unsure as inclui).',
  'cli.export.unsureIncluded':
    ' {n, plural, one {# foto respondida} other {# fotos respondidas}} como "incerta" listadas sem rótulo.',
  'cli.export.result': 'Exportadas {photos} para {dest} em {duration}:',
  'cli.export.files': 'Arquivos: {files}',
  'cli.export.total': 'total',
  'cli.export.conflicts':
    '{n, plural, one {# foto rotulada} other {# fotos rotuladas}} de forma diferente por duas pessoas: exportadas uma vez com a decisão mais recente, todas as decisões listadas em conflicts.csv (veja "conflicts" no manifest.json).',
  'cli.export.receiving':
    'Recebendo {n, plural, one {# inspeção} other {# inspeções}} ({photos} no hub, cada uma buscada uma vez) em {cache}.',
  'cli.export.hubResumeHint':
    'As fotos já recebidas ficam em {cache}; rode a mesma exportação de novo para continuar.',
  'cli.export.resumeHint':
    'O destino guarda o que foi gravado; exporte de novo para uma pasta vazia.',
  'cli.export.failed': 'A exportação falhou.',
  'cli.export.cancelled': 'Exportação cancelada.',
  'cli.table.label': 'RÓTULO',
  'cli.table.photos': 'FOTOS',
  'cli.table.total': 'TOTAL',
  'cli.models.none': 'Nenhum modelo registrado. Adicione um com `models add <pasta> --activate`.',
  'cli.table.id': 'ID',
  'cli.table.name': 'NOME',
  'cli.table.labels': 'RÓTULOS',
  'cli.table.added': 'ADICIONADO',
  'cli.models.activeMark': '* = modelo ativo',
  'cli.models.noReviewed': '{model}: nenhuma foto revisada tem ainda uma previsão deste modelo',
  'cli.models.accuracy':
    '{model}: acurácia {accuracy}, balanceada {balanced} em {n, plural, one {# foto revisada} other {# fotos revisadas}}',
  'cli.table.precision': 'PRECISÃO',
  'cli.table.recall': 'REVOCAÇÃO',
  'cli.table.support': 'SUPORTE',
  'cli.models.confusion': 'Matriz de confusão (linhas = rótulo do revisor, colunas = previsto):',
  'cli.models.classified':
    '{n, plural, one {Classificada # foto} other {Classificadas # fotos}} com {model} em {duration}{failed}.',
  'cli.models.classifyFailed': ', {n, plural, one {# foto falhou} other {# fotos falharam}}',
  'cli.models.moreFailed': '... e mais {n, plural, one {# foto} other {# fotos}}',
  'cli.models.added': 'Adicionado {model} ({name}; rótulos {labels}).',
  'cli.models.addedActive': 'Adicionado {model} ({name}; rótulos {labels}), agora o modelo ativo.',
  'cli.models.activateHint': 'Ative-o com: models activate {model}',
  'cli.models.wrote': 'Gravado {path} (rótulos de {from}, saída {output}).',
  'cli.models.assumed': 'suposto: {note}',
  'cli.models.checkThenAdd': 'Confira e depois: models add {dir}',
  'cli.models.nowActive': '{model} agora é o modelo ativo.',
  'cli.models.classifyResume': 'Rode o mesmo comando de novo para classificar o resto.',
  'cli.models.classifyFailedGeneric': 'A classificação falhou.',
  'cli.models.improveHeadline':
    'Ajustada uma nova camada final em {train, plural, one {# foto revisada} other {# fotos revisadas}}; medida em {heldOut, plural, one {# foto separada} other {# fotos separadas}} ({groups, plural, one {# grupo de quase duplicatas} other {# grupos de quase duplicatas}}: {groupedBy}).',
  'cli.models.newLabels': 'Rótulos novos: {labels}.',
  'cli.table.heldOut': 'SEPARADAS',
  'cli.models.rowAccuracy': 'acurácia',
  'cli.models.rowBalanced': 'acurácia balanceada',
  'cli.models.rowRecall': 'revocação {label}',
  'cli.models.parentOnHeldOut': 'Modelo de origem nas fotos separadas:',
  'cli.models.newOnHeldOut': 'Modelo novo nas fotos separadas:',
  'cli.models.wroteModel': 'Gravado {dir} (model.onnx, model.json, MODEL_CARD.md) em {duration}.',
  'cli.models.activateThenClassify':
    'Ative-o com: models activate {model}   (depois: models classify)',
  'cli.models.improveResume': 'Nada foi registrado; rode o mesmo comando de novo.',
  'cli.models.improveFailed': 'O aprimoramento falhou.',
  'cli.models.backfillResume': 'Rode o mesmo comando de novo para continuar.',
  'cli.models.backfillFailed': 'O preenchimento de embeddings falhou.',
  'cli.models.backfilled':
    'Embeddings de {model}: {converted, plural, one {# foto convertida} other {# fotos convertidas}}, {computed, plural, one {# foto calculada} other {# fotos calculadas}}{failed} em {duration}.',
  'cli.summary.library': 'Biblioteca',
  'cli.summary.photos': 'Fotos',
  'cli.summary.reviewed': 'Revisadas',
  'cli.summary.unclassified': 'Não classificadas',
  'cli.summary.activeModel': 'Modelo ativo',
  'cli.summary.noActiveModel': 'nenhum (adicione um com `models add <pasta> --activate`)',
  'cli.table.reviewed': 'REVISADAS',
  'cli.table.predictedOnly': 'SÓ PREVISTAS',
  'cli.imports.none': 'Nenhuma importação ainda. Importe um cartão SD com `import <pasta>`.',
  'cli.table.started': 'INÍCIO',
  'cli.table.status': 'SITUAÇÃO',
  'cli.table.source': 'ORIGEM',
  'cli.table.imported': 'IMPORTADAS',
  'cli.table.duplicates': 'DUPLICATAS',
  'cli.table.errors': 'ERROS',
  'cli.table.size': 'TAMANHO',
  'cli.table.took': 'DURAÇÃO',
  'cli.imports.status.running': 'em andamento',
  'cli.imports.status.done': 'concluída',
  'cli.imports.status.cancelled': 'cancelada',
  'cli.imports.status.failed': 'falhou',
  'cli.imports.unreadable':
    'Importação {id}: {n, plural, one {# arquivo ilegível} other {# arquivos ilegíveis}}',
  'cli.settings.reviewer': 'revisor',
  'cli.settings.language': 'idioma',
  'cli.settings.reviewerUnset': '(não definido: o seu nome de usuário é registrado)',
  'cli.table.file': 'ARQUIVO',
  'cli.table.tube': 'TUBO',
  'cli.table.predicted': 'PREVISTO',
  'cli.table.conf': 'CONF',
  'cli.table.reviewedYesNo': 'REVISADA',
  'cli.list.yes': 'sim',
  'cli.list.no': 'não',
  'cli.list.unsure': 'incerta',
  'cli.list.none': 'Nenhuma foto corresponde.',
  'cli.list.shownOf':
    '{shown} de {n, plural, one {# foto} other {# fotos}} mostradas (aumente --limit para ver mais).',
  'cli.list.count': '{n, plural, one {# foto} other {# fotos}}.',
  'cli.table.similarity': 'SIMILARIDADE',
  'cli.table.score': 'PONTUAÇÃO',
  'cli.table.why': 'MOTIVO',
  'cli.similar.reason':
    "{agreeing} de {n, plural, one {sua # foto revisada mais parecida é} other {suas # fotos revisadas mais parecidas são}} '{label}'",
  'cli.similar.likelyMislabeled': ' (provavelmente com rótulo errado)',
  'cli.similar.noSuspects': 'Nenhuma foto discorda das fotos revisadas mais parecidas com ela.',
  'cli.show.unreviewed': '(não revisada)',
  'cli.show.unsure': 'incerta',
  'cli.show.noNote': '(sem nota)',
  'cli.show.noteCleared': '{at}  {author} apagou a nota (era {old})',
  'cli.show.noteWrote': '{at}  {author} escreveu: {text}',
  'cli.show.noteRewrote': '{at}  {author} escreveu: {text} (era {old})',
  'cli.show.history.set': '{at}  {reviewer} rotulou: {change}',
  'cli.show.history.accept': '{at}  {reviewer} aceitou: {change}',
  'cli.show.history.undo': '{at}  {reviewer} desfez: {change}',
  'cli.show.byModel': ' (modelo {model})',
  'cli.show.tubePosition': 'linha {row}, coluna {col}',
  'cli.show.notClassified': 'ainda não classificada (rode `models classify`)',
  'cli.show.reviewedBy': '{label} (revisada por {reviewer}, {at})',
  'cli.show.unsureBy': 'nenhum: incerta (respondida por {reviewer}, {at})',
  'cli.show.notReviewed': 'não revisada',
  'cli.show.field.tube': 'Tubo',
  'cli.show.field.captured': 'Capturada',
  'cli.show.capturedFromExif': '{at} (do EXIF)',
  'cli.show.capturedFromFile': '{at} (da data do arquivo)',
  'cli.show.field.imported': 'Importada',
  'cli.show.importedValue': '{at}, importação nº {id}',
  'cli.show.field.onCard': 'No cartão',
  'cli.show.field.size': 'Tamanho',
  'cli.show.field.predicted': 'Previsto',
  'cli.show.field.label': 'Rótulo',
  'cli.show.field.note': 'Nota',
  'cli.show.field.file': 'Arquivo',
  'cli.show.scores': 'Pontuações',
  'cli.table.model': 'MODELO',
  'cli.show.history': 'Histórico',
  'cli.show.noDecisions': 'nenhuma decisão ainda',
  'cli.show.noteHistory': 'Histórico da nota',
  'cli.review.unchanged': 'sem alteração',
  'cli.review.more': '... e mais {n}',
  'cli.review.labeled':
    '{n, plural, one {Rotulada # foto} other {Rotuladas # fotos}} como "{label}"{already}.',
  'cli.review.alreadyHad':
    ' ({n, plural, one {# já tinha esse rótulo} other {# já tinham esse rótulo}})',
  'cli.review.accepted': 'Previsão aceita para {n, plural, one {# foto} other {# fotos}}.',
  'cli.review.undid': 'Última decisão desfeita ({n, plural, one {# foto} other {# fotos}}).',
  'cli.review.markedUnsure':
    '{n, plural, one {Marcada # foto} other {Marcadas # fotos}} como incerta{already}.',
  'cli.review.alreadyUnsure': ' ({n, plural, one {# já estava} other {# já estavam}})',
  'cli.review.noteSaved': 'nota salva: {text}',
  'cli.review.noteCleared': 'nota apagada',
  'cli.bundle.file': 'Pacote',
  'cli.bundle.photos': 'Fotos',
  'cli.bundle.predictions': 'Previsões',
  'cli.bundle.events': 'Decisões de rótulo',
  'cli.bundle.size': 'Tamanho',
  'cli.bundle.conflicts': 'Conflitos',
  'cli.bundle.newOf': '{added} novas de {total}',
  'cli.bundle.new': '{added} novas',
  'cli.bundle.nothingNew': 'Nada novo: esta biblioteca já tinha tudo o que há no pacote.',
  'cli.bundle.conflictsNote':
    '{n, plural, one {# foto foi rotulada} other {# fotos foram rotuladas}} de forma diferente por duas pessoas: liste-as com `list --conflict` e escolha o rótulo.',
  'cli.sync.hub': 'Hub',
  'cli.sync.photosSent': 'Fotos enviadas',
  'cli.sync.alreadyOnHub': 'Já no hub',
  'cli.sync.eventsSent': 'Decisões de rótulo enviadas',
  'cli.sync.predictionsSent': 'Previsões enviadas',
  'cli.sync.photosReceived': 'Fotos recebidas',
  'cli.sync.eventsReceived': 'Decisões de rótulo recebidas',
  'cli.sync.predictionsReceived': 'Previsões recebidas',
  'cli.sync.conflicts': 'Conflitos',
  'cli.sync.took': 'Duração',
  'cli.sync.conflictsHint':
    'Liste as fotos que duas pessoas rotularam de forma diferente com `list --conflict`.',
  'cli.hub.migrated': 'Esquema do hub atualizado: aplicadas {applied}.',
  'cli.hub.upToDate': 'O esquema do hub já está atualizado.',
  'cli.inspections.none':
    'Nenhuma inspeção ainda: cada importação de um cartão SD começa uma. Importe com `import <pasta>`.',
  'cli.table.imports': 'IMPORTAÇÕES',
  'cli.table.tubes': 'TUBOS',
  'cli.inspections.notPhotographed': 'não fotografado',
  'cli.inspections.noLabel': 'sem rótulo',
  'cli.inspections.reviewedBy': 'revisado por {reviewer}',
  'cli.inspections.model': 'modelo {confidence}',
  'cli.inspections.state': '{label} ({who})',
  'cli.inspections.noTubePhoto':
    'Nenhuma foto do tubo {tube} (linha {row}, coluna {col}) nesta biblioteca.',
  'cli.inspections.tubeHeading': 'Tubo {tube} (linha {row}, coluna {col}):',
  'cli.table.inspection': 'INSPEÇÃO',
  'cli.table.taken': 'TIRADA',
  'cli.table.by': 'POR',
  'cli.table.photo': 'FOTO',
  'cli.inspections.compared':
    '{before} -> {after}: {changed, plural, one {# tubo mudou} other {# tubos mudaram}}, {unchanged} sem mudança.',
  'cli.table.change': 'MUDANÇA',
  'cli.table.before': 'ANTES',
  'cli.table.after': 'DEPOIS',
  'cli.inspections.kind.worsened': 'piorou',
  'cli.inspections.kind.cleared': 'desobstruído',
  'cli.inspections.kind.changed': 'mudou',
  'cli.inspections.kind.added': 'novo',
  'cli.inspections.kind.missing': 'ausente',
  'cli.inspections.renamed': 'A inspeção nº {id} agora se chama "{title}".',
  'cli.inspections.grouped':
    'A inspeção nº {id} "{title}" agora reúne as importações {imports} ({photos, plural, one {# foto} other {# fotos}}, {tubes, plural, one {# tubo} other {# tubos}}).',
  'cli.inspections.layoutNone': 'Espelho: linhas x colunas das fotos (nenhum layout definido).',
  'cli.inspections.layoutGrid': 'Espelho: grade, passo {pitch}.',
  'cli.inspections.layoutPositions':
    'Espelho: {n, plural, one {# posição de tubo} other {# posições de tubo}}{name}.',
  'cli.inspections.wroteCsv':
    'Gravados {n, plural, one {# tubo alterado} other {# tubos alterados}} em {file}',
  'cli.report.wrote': 'Relatório da inspeção nº {id} gravado em {file}',
  'cli.report.noChromium':
    'Nenhum Chromium encontrado (procurado em {looked}): o relatório foi gravado como HTML em {file}; abra-o num navegador e imprima-o em PDF.',
  'cli.help.usage': 'Uso: {program} <comando> [opções]',
  'cli.help.intro':
    'O Inspection Desk na linha de comando: importe cartões SD, revise e exporte fotos rotuladas.',
  'cli.help.commands': 'Comandos:',
  'cli.help.helpCommand': 'mostra a ajuda de um comando: {program} help <comando>',
  'cli.help.globalOptions': 'Opções globais:',
  'cli.help.libraryOption':
    'pasta da biblioteca (padrão: $INSPECTION_DESK_LIBRARY ou a pasta de dados do app)',
  'cli.help.helpOption': 'mostra a ajuda',
  'cli.help.versionOption': 'mostra a versão',
  'cli.help.languageNote':
    'A saída segue o idioma da biblioteca (`settings --language`), ou\n$INSPECTION_DESK_LANGUAGE (en ou pt-BR) quando definido; a saída --json é a mesma nos dois.',
  'cli.help.missingCommand': 'Falta o comando.',
  'cli.help.unknownCommand': 'Comando desconhecido "{name}".',
  'cli.help.summary.import': 'importa as fotos de um cartão SD ou pasta (retomável)',
  'cli.help.summary.list': 'lista fotos com previsão e rótulo (filtros, ordenação)',
  'cli.help.summary.show': 'mostra uma foto: arquivo, pontuações, histórico de rótulo e de nota',
  'cli.help.summary.label':
    'define o rótulo de fotos (por id, sha256 ou nome do arquivo, ou por filtros)',
  'cli.help.summary.accept': 'aceita a previsão do modelo como rótulo das fotos',
  'cli.help.summary.undo': 'desfaz a última decisão de rótulo',
  'cli.help.summary.unsure': 'responde "incerta / pular" para fotos (sem rótulo; undo desfaz)',
  'cli.help.summary.note': 'mostra, escreve ou apaga a nota de uma foto',
  'cli.help.summary.export': 'exporta as fotos rotuladas como conjunto de treino',
  'cli.help.summary.bundle': 'leva inspeções entre notebooks num arquivo (pendrive)',
  'cli.help.summary.sync': 'envia e recebe fotos e rótulos pelo hub (PostgreSQL + S3)',
  'cli.help.summary.hub': 'prepara o hub (esquema, papel, bucket)',
  'cli.help.summary.models': 'lista, adiciona, ativa, executa e compara modelos de classificação',
  'cli.help.summary.summary': 'contagens por rótulo, progresso da revisão e acurácia do modelo',
  'cli.help.summary.imports': 'lista as importações anteriores e seus arquivos ilegíveis',
  'cli.help.summary.settings': 'mostra ou altera o nome do revisor e o idioma',
  'cli.help.summary.inspections': 'lista, renomeia e agrupa inspeções; define o layout do espelho',
  'cli.help.summary.tube': 'um tubo em todas as inspeções (seu histórico)',
  'cli.help.summary.compareInspections': 'tubos que mudaram entre duas inspeções',
  'cli.help.summary.report': 'o relatório da inspeção, em PDF ou HTML',
  // end cli
};
