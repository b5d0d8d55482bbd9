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
};
