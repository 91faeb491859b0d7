// Images chosen for a post being written: each is uploaded as soon as it is picked, pasted or dropped
// (the server checks and re-encodes it), shown as a thumbnail with a spinner until then, and can be
// removed. Their ids go with the post, in the order shown.
import type { PostImage } from '@edumatrix/contracts';
import { Button, CloseButton, FileButton, Group, Loader } from '@mantine/core';
import { type SVGProps, useCallback, useEffect, useRef, useState } from 'react';
import { client } from '../api.ts';
import { LineIcon } from '../shell/icons.tsx';
import { errorMessage } from '../ui/problem.ts';

export const MAX_POST_IMAGES = 4;
const MAX_BYTES = 8 * 1024 * 1024;
/** What the server takes (it recognises the bytes, so a renamed file is refused there). */
const TYPES = ['image/png', 'image/jpeg'];

type Draft = { key: string; name: string; preview: string; image: PostImage | null };

let nextKey = 0;

export function useDraftImages() {
  const [drafts, setDrafts] = useState<Draft[]>([]);
  const [error, setError] = useState<string | null>(null);
  const live = useRef(drafts);
  live.current = drafts;

  // Thumbnails are object URLs of the chosen files, released with the composer.
  useEffect(
    () => () => {
      for (const d of live.current) URL.revokeObjectURL(d.preview);
    },
    [],
  );

  const add = useCallback((files: File[]) => {
    const refused: string[] = [];
    const room = MAX_POST_IMAGES - live.current.length;
    const fitting = files.filter((file) => {
      if (!TYPES.includes(file.type)) refused.push(`“${file.name}” is not a PNG or JPEG image.`);
      else if (file.size > MAX_BYTES) refused.push(`“${file.name}” is ${(file.size / 1024 / 1024).toFixed(1)} MB; at most 8 MB.`);
      else return true;
      return false;
    });
    if (fitting.length > room) refused.push(`A post can have at most ${MAX_POST_IMAGES} images.`);
    const added = fitting.slice(0, Math.max(0, room)).map((file) => ({
      file,
      draft: { key: `image-${++nextKey}`, name: file.name, preview: URL.createObjectURL(file), image: null } as Draft,
    }));
    setError(refused.length ? refused.join(' ') : null);
    if (!added.length) return;
    setDrafts((current) => [...current, ...added.map((a) => a.draft)]);
    for (const { file, draft } of added) {
      client.social.uploadPostImage(file).then(
        (image) => setDrafts((current) => current.map((d) => (d.key === draft.key ? { ...d, image } : d))),
        (failure: unknown) => {
          URL.revokeObjectURL(draft.preview);
          setDrafts((current) => current.filter((d) => d.key !== draft.key));
          setError(`Could not add “${draft.name}”: ${errorMessage(failure)}`);
        },
      );
    }
  }, []);

  const remove = useCallback((key: string) => {
    setDrafts((current) => {
      const gone = current.find((d) => d.key === key);
      if (gone) URL.revokeObjectURL(gone.preview);
      return current.filter((d) => d.key !== key);
    });
  }, []);

  const clear = useCallback(() => {
    for (const d of live.current) URL.revokeObjectURL(d.preview);
    setDrafts([]);
    setError(null);
  }, []);

  return {
    drafts,
    error,
    add,
    remove,
    clear,
    uploading: drafts.some((d) => d.image === null),
    imageIds: drafts.flatMap((d) => (d.image ? [d.image.id] : [])),
  };
}

export type DraftImages = ReturnType<typeof useDraftImages>;

/** Image files among what was pasted or dropped. */
export const imageFiles = (list: FileList | null | undefined) => [...(list ?? [])].filter((f) => f.type.startsWith('image/'));

const ImageIcon = (p: SVGProps<SVGSVGElement>) => (
  <LineIcon {...p}>
    <rect x="3" y="4" width="18" height="16" rx="2" />
    <circle cx="9" cy="10" r="1.8" />
    <path d="m21 16-5-5-9 9" />
  </LineIcon>
);

export function AddImageButton({ images }: { images: DraftImages }) {
  const full = images.drafts.length >= MAX_POST_IMAGES;
  return (
    <FileButton onChange={(files) => images.add(files)} accept={TYPES.join(',')} multiple disabled={full}>
      {(props) => (
        <Button {...props} variant="subtle" color="gray" leftSection={<ImageIcon />} disabled={full}>
          {full ? `${MAX_POST_IMAGES} images` : 'Add image'}
        </Button>
      )}
    </FileButton>
  );
}

export function DraftThumbnails({ images }: { images: DraftImages }) {
  if (images.drafts.length === 0) return null;
  return (
    <Group gap="xs" component="ul" aria-label="Images for this post" m={0} p={0} style={{ listStyle: 'none' }}>
      {images.drafts.map((d, i) => (
        <li
          key={d.key}
          aria-busy={d.image === null}
          aria-label={`Image ${i + 1}: ${d.name}${d.image ? '' : ', uploading'}`}
          style={{ position: 'relative', width: 84, height: 84, borderRadius: 8, overflow: 'hidden', flexShrink: 0 }}
        >
          <img
            src={d.preview}
            alt=""
            style={{ width: '100%', height: '100%', objectFit: 'cover', opacity: d.image ? 1 : 0.5, display: 'block' }}
          />
          {!d.image && <Loader size="sm" style={{ position: 'absolute', inset: 0, margin: 'auto' }} aria-label={`Uploading ${d.name}`} />}
          <CloseButton
            size="sm"
            radius="xl"
            aria-label={`Remove image ${i + 1}`}
            onClick={() => images.remove(d.key)}
            style={{ position: 'absolute', top: 4, right: 4, color: 'white', background: 'rgba(0, 0, 0, 0.6)' }}
          />
        </li>
      ))}
    </Group>
  );
}
