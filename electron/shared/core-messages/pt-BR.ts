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
};
