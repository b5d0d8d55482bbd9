/** Brazilian Portuguese text of every core message (keys and syntax: see `en.ts`). */
import type { CoreMessages } from './en.js';

export const corePtBR: CoreMessages = {
  'error.internal':
    'Erro inesperado: {detail}. Tente de novo; se acontecer outra vez, anote o que você fez e informe o suporte.',
  'jobs.notFound':
    'Não há tarefa {jobId}. Ela pode ser de uma sessão anterior; liste as tarefas para ver as atuais.',
  'jobs.alreadyRunning.import':
    'Já há uma importação em andamento. Espere que termine (ou cancele-a) e então inicie esta.',
  // desktop natives (the SQLite module built for the runtime that opens the library)
  'library.nativeBindingMissing':
    'O módulo SQLite deste aplicativo ({file}) não foi encontrado. Num checkout, execute "npm run prepare:electron"; caso contrário, reinstale o Inspection Desk.',
  'library.nativeBindingMismatch':
    'O módulo SQLite {file} foi compilado para outro runtime ({detail}). Num checkout, execute "npm run prepare:electron"; caso contrário, reinstale o Inspection Desk.',
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
};
