// The chat module's error codes, in one place so routes, socket acks and tests name the same ones.
import { AppError, forbidden, invalidField, notFound } from '../../platform/http/app-error.ts';

/** Non-members get the same answer as for a conversation that does not exist. */
export const conversationNotFound = () => notFound('chat.conversation_not_found', 'Conversation');
export const messageNotFound = () => notFound('chat.message_not_found', 'Message');
export const memberNotFound = () => notFound('chat.member_not_found', 'Member');
export const attachmentNotFound = () => notFound('chat.attachment_not_found', 'Attachment');
export const blockedPair = () => forbidden('chat.blocked', 'You cannot message this person');
export const adminRequired = () => forbidden('chat.admin_required', 'Only a group admin can do this');
export const notAuthor = () => forbidden('chat.not_author', 'Only its author can edit a message');
export const notAGroup = () => new AppError('conflict', 'chat.not_a_group', 'Direct conversations have no members to manage');
export const groupFull = (max: number) =>
  new AppError('conflict', 'chat.group_full', `A group has at most ${max} members`, {
    fields: [{ field: 'userIds', message: `would take the group past ${max} members` }],
  });
export const lastAdmin = () => new AppError('conflict', 'chat.last_admin', 'A group needs at least one admin: promote someone first');
export const messageDeleted = () => new AppError('conflict', 'chat.message_deleted', 'This message was deleted');
export const emptyMessage = () => invalidField('chat.empty_message', 'body', 'is empty: write something or attach a file');
export const unknownUsers = (field: string) => invalidField('chat.unknown_user', field, 'names someone who does not exist');
export const selfConversation = () => invalidField('chat.self_conversation', 'userId', 'must be someone other than you');
export const replyNotFound = () => invalidField('chat.reply_not_found', 'replyTo', 'is not a message of this conversation');
export const attachmentUnavailable = () =>
  invalidField('chat.attachment_unavailable', 'attachmentIds', 'must be your own uploads to this conversation, not yet sent');
