// The "N new posts" pill floating over the top of the feed; clicking it loads them and scrolls up.
import { Box, Button, Transition } from '@mantine/core';
import { plural } from './labels.ts';

type Props = { count: number; missed: boolean; loading: boolean; onShow: () => void };

export function NewPostsPill({ count, missed, loading, onShow }: Props) {
  const shown = count > 0 || missed;
  return (
    <Box pos="sticky" top={72} style={{ zIndex: 5, display: 'flex', justifyContent: 'center', height: 0, overflow: 'visible' }}>
      <div aria-live="polite">
        <Transition mounted={shown} transition="slide-down" duration={150}>
          {(style) => (
            <Button radius="xl" size="sm" style={{ ...style, boxShadow: 'var(--mantine-shadow-md)' }} loading={loading} onClick={onShow}>
              {count > 0 ? `↑ ${plural(count, 'new post', 'new posts')}` : '↑ Check for new posts'}
            </Button>
          )}
        </Transition>
      </div>
    </Box>
  );
}
