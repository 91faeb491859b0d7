import { NotificationCategory } from '@edumatrix/contracts';
import { describe, expect, it } from 'vitest';
import { CATEGORIES, categoryOf, channelsFor } from './categories.ts';

describe('notification categories', () => {
  it('maps the kinds modules publish today, and guesses social and chat kinds by wording', () => {
    expect(categoryOf('institutions.announcement')).toBe('institution_announcements');
    expect(categoryOf('institutions.grade_released')).toBe('institution_grades');
    expect(categoryOf('institutions.attendance_alert')).toBe('institution_attendance');
    expect(categoryOf('institutions.role_changed')).toBe('institution_membership');
    expect(categoryOf('courses.assignment_graded')).toBe('course_work');
    expect(categoryOf('courses.assignment_due')).toBe('course_work');
    expect(categoryOf('courses.badge_awarded')).toBe('course_badges');
    expect(categoryOf('chat.message')).toBe('chat_messages');
    expect(categoryOf('social.mentioned')).toBe('social_mentions');
    expect(categoryOf('social.commented')).toBe('social_comments');
    expect(categoryOf('social.reacted')).toBe('social_reactions');
    expect(categoryOf('social.connection_requested')).toBe('social_connections');
    expect(categoryOf('social.post_commented')).toBe('social_comments');
    expect(categoryOf('social.comment_replied')).toBe('social_comments');
    expect(categoryOf('social.post_liked')).toBe('social_reactions');
    expect(categoryOf('social.reaction_added')).toBe('social_reactions');
    expect(categoryOf('social.followed')).toBe('social_connections');
    expect(categoryOf('social.content_removed')).toBe('other');
    expect(categoryOf('social.connection_accepted')).toBe('social_connections');
    expect(categoryOf('account.security')).toBe('account_security');
  });

  it('falls back to other for anything unknown', () => {
    expect(categoryOf('test.ping')).toBe('other');
    expect(categoryOf('social.something_new')).toBe('other');
    expect(categoryOf('weird')).toBe('other');
  });

  it('every category has a label and defaults; reactions are in-app only; security mail cannot be switched off', () => {
    for (const c of NotificationCategory.options) expect(CATEGORIES[c].label).not.toBe('');
    expect(CATEGORIES.social_reactions.defaults).toEqual({ in_app: true, email: false, push: false });
    expect(channelsFor('account_security', { email: false, push: false })).toEqual({ in_app: true, email: true, push: false });
    expect(channelsFor('social_reactions', { push: true })).toEqual({ in_app: true, email: false, push: true });
    expect(channelsFor('chat_messages', undefined)).toEqual({ in_app: true, email: true, push: true });
  });
});
