// A post's images in a grid sized from their dimensions before any byte arrives, so the feed does
// not jump. Reading one needs the access token, so each is fetched by the client (once the card
// nears the screen) and shown from a blob; a click opens it large.
import type { PostImage } from '@edumatrix/contracts';
import { Button, Group, Loader, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { type CSSProperties, useEffect, useState } from 'react';
import { client } from '../api.ts';
import { ResponsiveModal } from '../ui/FormActions.tsx';
import { useNearViewport } from './near-viewport.ts';
import classes from './PostImages.module.css';
import { socialKeys } from './queries.ts';

const postImageQuery = (imageId: string) => ({
  queryKey: [...socialKeys.all, 'image', imageId],
  queryFn: () => client.social.postImage(imageId),
  staleTime: Number.POSITIVE_INFINITY,
});

function useObjectUrl(blob: Blob | undefined): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!blob) return;
    const created = URL.createObjectURL(blob);
    setUrl(created);
    return () => URL.revokeObjectURL(created);
  }, [blob]);
  return url;
}

/** One image's bytes as an object URL, fetched once `enabled`. */
function useImageUrl(imageId: string, enabled: boolean) {
  const file = useQuery({ ...postImageQuery(imageId), enabled });
  return { url: useObjectUrl(file.data), failed: file.isError };
}

const describe = (index: number, count: number, author: string) =>
  count === 1 ? `Image in ${author}'s post` : `Image ${index + 1} of ${count} in ${author}'s post`;

function Cell({ image, label, near, onOpen }: { image: PostImage; label: string; near: boolean; onOpen: () => void }) {
  const { url, failed } = useImageUrl(image.id, near);
  return (
    <button type="button" className={classes.cell} aria-label={`Open ${label.charAt(0).toLowerCase()}${label.slice(1)}`} onClick={onOpen}>
      {url ? (
        <img src={url} alt={label} width={image.width} height={image.height} decoding="async" />
      ) : failed ? (
        <Text size="xs" c="dimmed" ta="center" p="xs">
          Image unavailable
        </Text>
      ) : null}
    </button>
  );
}

function LargeImage({ image, label }: { image: PostImage; label: string }) {
  const { url, failed } = useImageUrl(image.id, true);
  if (failed)
    return (
      <Text c="dimmed" ta="center" py="xl">
        This image could not be loaded.
      </Text>
    );
  if (!url) return <Loader mx="auto" my="xl" display="block" aria-label="Loading the image" />;
  return <img className={classes.large} src={url} alt={label} width={image.width} height={image.height} />;
}

export function PostImages({ images, author }: { images: PostImage[]; author: string }) {
  const [ref, near] = useNearViewport<HTMLDivElement>();
  const [open, setOpen] = useState<number | null>(null);
  const count = images.length;
  const shown = open === null ? undefined : images[open];
  const step = (by: number) => setOpen((i) => (i === null ? i : (i + by + count) % count));

  // The arrow keys page through the images while one is open.
  const isOpen = open !== null;
  useEffect(() => {
    if (!isOpen || count < 2) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'ArrowRight') setOpen((i) => (i === null ? i : (i + 1) % count));
      if (event.key === 'ArrowLeft') setOpen((i) => (i === null ? i : (i - 1 + count) % count));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [isOpen, count]);
  const first = images[0];
  if (!first) return null;
  const ratio = Math.min(2, Math.max(0.75, first.width / first.height));

  return (
    <>
      <div ref={ref} className={classes.grid} data-count={Math.min(count, 4)} style={{ '--single-ratio': String(ratio) } as CSSProperties}>
        {images.slice(0, 4).map((image, i) => (
          <Cell key={image.id} image={image} label={describe(i, count, author)} near={near} onOpen={() => setOpen(i)} />
        ))}
      </div>
      <ResponsiveModal
        opened={shown !== undefined}
        onClose={() => setOpen(null)}
        title={open === null || count === 1 ? 'Image' : `Image ${open + 1} of ${count}`}
        size="auto"
        centered
      >
        {shown && open !== null && (
          <>
            <LargeImage image={shown} label={describe(open, count, author)} />
            {count > 1 && (
              <Group justify="space-between" mt="sm">
                <Button variant="default" onClick={() => step(-1)}>
                  Previous
                </Button>
                <Button variant="default" onClick={() => step(1)}>
                  Next
                </Button>
              </Group>
            )}
          </>
        )}
      </ResponsiveModal>
    </>
  );
}
