// "Show passage": the whole passage a citation quotes, shown to the clicker only (in the thread of the answer).
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { SlackDeps } from '../../deps.js';
import { ACTION, decodePassageRef, messages, passageMessage } from '../../format.js';
import { replyPrivately } from './reply-privately.js';

export function register(app: App, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>(ACTION.showPassage, async ({ ack, action, body, client, respond }) => {
    await ack();
    await deps.track(
      (async () => {
        try {
          const ref = decodePassageRef(action.value);
          // By id; after a re-index the id may be gone, the file and line still find it.
          const byId = ref ? deps.assistant.getPassage(ref.id) : null;
          const passage = byId ?? (ref ? deps.assistant.findPassage(ref.file, ref.line) : null);
          if (!passage) return void (await replyPrivately(deps, { body, client, respond }, messages.passageMissing()));
          const title = deps.assistant.listDocuments().find((d) => d.file === passage.file)?.title;
          // The fact's offsets hold only for the very passage the answer cited (same id, same text).
          await replyPrivately(deps, { body, client, respond }, passageMessage(passage, title, byId ? ref?.fact : undefined));
        } catch (error) {
          deps.log.error('could not show a passage', { user: body.user.id, error });
        }
      })(),
    );
  });
}
