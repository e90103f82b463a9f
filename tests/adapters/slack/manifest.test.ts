// The app manifest an admin pastes: it must grant every scope and event the adapter relies on.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';

describe('adapters/slack/manifest.yml', () => {
  it('has the scopes, events, slash command, interactivity and Socket Mode the adapter needs', async () => {
    const manifest = await readFile('adapters/slack/manifest.yml', 'utf8');
    expect(manifest).not.toMatch(/\t/);
    const listed = (name: string) => new RegExp(`^\\s*- ${name.replace(/[.:]/g, '\\$&')}(\\s|$)`, 'm');
    // chat.postMessage / chat.postEphemeral, reactions.add / remove, conversations.replies, the command, the events.
    for (const scope of [
      'app_mentions:read',
      'channels:history',
      'groups:history',
      'im:history',
      'mpim:history',
      'chat:write',
      'commands',
      'reactions:write',
    ]) {
      expect(manifest, scope).toMatch(listed(scope));
    }
    for (const event of ['app_mention', 'message.channels', 'message.groups', 'message.im', 'message.mpim'])
      expect(manifest, event).toMatch(listed(event));
    expect(manifest).toMatch(/^\s*- command: \/ask$/m);
    expect(manifest).toMatch(/^\s*interactivity:\n\s*is_enabled: true$/m);
    expect(manifest).toMatch(/^\s*socket_mode_enabled: true$/m);
    expect(manifest).toMatch(/^\s*messages_tab_enabled: true$/m);
  });
});
