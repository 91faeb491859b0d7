// What every message of the open conversation needs to know about it, without passing it through
// each list: who we are, who the members are, and where a thread opens.
import type { ConversationDetail } from '@edumatrix/contracts';
import { createContext, useContext } from 'react';

export type ConversationContext = {
  conversation: ConversationDetail;
  me: string;
  /** The name of a member, past or present. */
  nameOf: (userId: string) => string;
  isAdmin: boolean;
  openThread: (rootId: string) => void;
};

export const ConversationCtx = createContext<ConversationContext | null>(null);

export function useConversation(): ConversationContext {
  const context = useContext(ConversationCtx);
  if (!context) throw new Error('useConversation needs a ConversationCtx provider');
  return context;
}
