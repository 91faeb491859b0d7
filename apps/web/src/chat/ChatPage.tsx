// /chat and /chat/:conversationId: the conversation list beside the open conversation on wide
// screens, one of them at a time on phones. `/chat?with=<userId>` opens the direct conversation.
import { Outlet, useParams, useSearchParams } from 'react-router';
import { usePageTitle } from '../ui/usePageTitle.ts';
import classes from './ChatPage.module.css';
import { ConversationList } from './ConversationList.tsx';
import { OpenDirect } from './OpenDirect.tsx';
import { useFillHeight } from './useFillHeight.ts';

export function ChatPage() {
  usePageTitle('Messages');
  const { conversationId } = useParams();
  const [params] = useSearchParams();
  const withUser = params.get('with');
  const ref = useFillHeight<HTMLDivElement>();
  return (
    <div ref={ref} className={classes.root} data-view={conversationId || withUser ? 'thread' : 'list'}>
      <section className={classes.list} aria-label="Conversations">
        <ConversationList activeId={conversationId ?? null} />
      </section>
      <section className={classes.thread} aria-label="Conversation">
        {withUser && !conversationId ? <OpenDirect userId={withUser} /> : <Outlet />}
      </section>
    </div>
  );
}
