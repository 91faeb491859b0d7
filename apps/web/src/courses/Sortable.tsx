import {
  type Announcements,
  closestCenter,
  DndContext,
  type DragEndEvent,
  KeyboardSensor,
  PointerSensor,
  type UniqueIdentifier,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import { arrayMove, SortableContext, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { ActionIcon } from '@mantine/core';
import type { CSSProperties, ReactNode } from 'react';

const INSTRUCTIONS =
  'To reorder, press space or enter on the handle, move with the up and down arrow keys, and press space or enter again to drop it. Escape cancels.';

type AreaProps = {
  ids: string[];
  /** Names for what screen readers are told while moving ("Introduction was dropped at position 2 of 3"). */
  nameOf: (id: string) => string;
  onReorder: (ids: string[]) => void;
  children: ReactNode;
};

/** A vertical list reordered by dragging a handle, with the mouse, by touch or with the keyboard. */
export function SortableArea({ ids, nameOf, onReorder, children }: AreaProps) {
  const sensors = useSensors(
    // A few pixels of movement before a drag starts, so a click on the handle stays a click.
    useSensor(PointerSensor, { activationConstraint: { distance: 5 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const name = (id: UniqueIdentifier) => nameOf(String(id));
  const position = (id: UniqueIdentifier) => `position ${ids.indexOf(String(id)) + 1} of ${ids.length}`;
  const announcements: Announcements = {
    onDragStart: ({ active }) => `Picked up ${name(active.id)}, at ${position(active.id)}.`,
    onDragOver: ({ active, over }) => (over ? `${name(active.id)} moved to ${position(over.id)}.` : undefined),
    onDragEnd: ({ active, over }) => (over ? `${name(active.id)} was dropped at ${position(over.id)}.` : `${name(active.id)} was dropped.`),
    onDragCancel: ({ active }) => `Moving ${name(active.id)} was cancelled; it stays where it was.`,
  };

  function end({ active, over }: DragEndEvent) {
    if (!over || active.id === over.id) return;
    const from = ids.indexOf(String(active.id));
    const to = ids.indexOf(String(over.id));
    if (from >= 0 && to >= 0) onReorder(arrayMove(ids, from, to));
  }

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={closestCenter}
      onDragEnd={end}
      accessibility={{ announcements, screenReaderInstructions: { draggable: INSTRUCTIONS } }}
    >
      <SortableContext items={ids} strategy={verticalListSortingStrategy}>
        {children}
      </SortableContext>
    </DndContext>
  );
}

function GripIcon() {
  return (
    <svg viewBox="0 0 24 24" width="18" height="18" fill="currentColor" aria-hidden="true" focusable="false">
      <circle cx="9" cy="6" r="1.6" />
      <circle cx="15" cy="6" r="1.6" />
      <circle cx="9" cy="12" r="1.6" />
      <circle cx="15" cy="12" r="1.6" />
      <circle cx="9" cy="18" r="1.6" />
      <circle cx="15" cy="18" r="1.6" />
    </svg>
  );
}

/** One item of a SortableArea: its style (the drag's movement) and its handle, labelled "Reorder <label>". */
export function useSortableItem(id: string, label: string, disabled = false) {
  const sortable = useSortable({ id, disabled });
  const style: CSSProperties = {
    // Translate only: items of different heights must not be stretched into each other's shape.
    transform: CSS.Translate.toString(sortable.transform),
    transition: sortable.transition,
    position: 'relative',
    zIndex: sortable.isDragging ? 5 : undefined,
    opacity: sortable.isDragging ? 0.85 : undefined,
  };
  const handle = disabled ? null : (
    <ActionIcon
      ref={sortable.setActivatorNodeRef}
      variant="subtle"
      color="gray"
      size="lg"
      {...sortable.attributes}
      {...sortable.listeners}
      aria-label={`Reorder ${label}`}
      data-drag-handle
      style={{ cursor: sortable.isDragging ? 'grabbing' : 'grab', touchAction: 'none', flexShrink: 0 }}
    >
      <GripIcon />
    </ActionIcon>
  );
  return { ref: sortable.setNodeRef, style, handle, isDragging: sortable.isDragging };
}
