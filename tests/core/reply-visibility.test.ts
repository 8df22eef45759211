import { describe, expect, it } from 'vitest';
import { pendingVisibility, replyVisibility } from '../../src/core/reply-visibility.ts';

const admin = { admin: true };
const member = { admin: false };

describe('replyVisibility', () => {
  it('shares search results with the channel', () => {
    expect(replyVisibility({ kind: 'stories', title: 't', stories: [] }, member)).toBe('channel');
  });

  it('keeps errors with the person, even when the reply asks for the channel', () => {
    expect(replyVisibility({ kind: 'notice', level: 'error', text: 'x', visibility: 'channel' })).toBe(
      'ephemeral',
    );
  });

  it('keeps every answer of an admin command private, lists and confirmations alike', () => {
    expect(replyVisibility({ kind: 'list', title: 'Sources', items: [] }, admin)).toBe('ephemeral');
    expect(
      replyVisibility({ kind: 'notice', level: 'success', text: 'x', visibility: 'channel' }, admin),
    ).toBe('ephemeral');
    expect(replyVisibility({ kind: 'stories', title: 't', stories: [] }, admin)).toBe('ephemeral');
  });

  it("honours a member command's own wish", () => {
    expect(
      replyVisibility({ kind: 'stories', title: 't', stories: [], visibility: 'ephemeral' }, member),
    ).toBe('ephemeral');
    expect(replyVisibility({ kind: 'list', title: 't', items: [], visibility: 'channel' }, member)).toBe(
      'channel',
    );
  });

  it('keeps help, lists and notices that ask nothing with the person', () => {
    expect(replyVisibility({ kind: 'list', title: 'Topics', items: [] }, member)).toBe('ephemeral');
    expect(replyVisibility({ kind: 'notice', level: 'info', text: 'help' })).toBe('ephemeral');
  });
});

describe('pendingVisibility', () => {
  it('promises privacy for admin commands and the channel for the rest', () => {
    expect(pendingVisibility(admin)).toBe('ephemeral');
    expect(pendingVisibility(member)).toBe('channel');
    expect(pendingVisibility()).toBe('channel');
  });
});
