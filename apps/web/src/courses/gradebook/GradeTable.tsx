import type { CourseGradebook } from '@edumatrix/contracts';
import { Badge, Table, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { usePhone } from '../../ui/FormActions.tsx';
import classes from './Gradebook.module.css';
import { type GradeCell, type GradeItem, type GradeRow, type OverrideTarget, percentText } from './gradebook-queries.ts';

/** Column widths on a desktop and on a phone, where names and cells shrink so two or three items show. */
const WIDTHS = { desk: { name: 200, cell: 118, total: 118 }, phone: { name: 118, cell: 92, total: 92 } };

const sticky = { position: 'sticky', left: 0, zIndex: 2, background: 'var(--mantine-color-body)' } as const;
/** The sticky column's edge as a shadow: a border would scroll away with the cells. */
const stickyEdge = { ...sticky, boxShadow: 'inset -1px 0 0 var(--mantine-color-default-border)' } as const;

const KIND = {
  quiz: { label: 'Quiz', color: 'blue' },
  assignment: { label: 'Assignment', color: 'grape' },
} as const;

function ItemHeader({ item, category, phone }: { item: GradeItem; category: string | null; phone: boolean }) {
  const kind = KIND[item.kind];
  return (
    <>
      <Text size={phone ? 'xs' : 'sm'} fw={600} lineClamp={2} lh={1.25} style={{ overflowWrap: 'break-word' }} title={item.title}>
        {item.title}
      </Text>
      {/* Not in capitals: "Assignment" then fits a phone's narrow column. */}
      <Badge size="xs" variant="light" color={kind.color} mt={4} tt="none" data-kind={item.kind}>
        {kind.label}
      </Badge>
      <Text size="xs" c="dimmed" fw={400} truncate title={category ?? undefined}>
        {category ?? 'No category'}
      </Text>
    </>
  );
}

/** A grade as a button that opens the override dialog; an overridden one is marked and tells why on hover or focus. */
function CellButton({
  row,
  item,
  cell,
  onOpen,
}: {
  row: GradeRow;
  item: GradeItem | null;
  cell: GradeCell | undefined;
  onOpen: () => void;
}) {
  const overridden = cell?.overridden ?? false;
  const button = (
    <UnstyledButton
      onClick={onOpen}
      aria-label={`Override ${row.displayName} · ${item?.title ?? 'Course total'}`}
      data-cell={`${row.displayName} · ${item?.title ?? 'Course total'}`}
      data-percent={cell?.percent ?? ''}
      data-overridden={overridden || undefined}
      data-reason={overridden ? (cell?.reason ?? '') : undefined}
      w="100%"
      px={6}
      py={4}
      style={{
        borderRadius: 'var(--mantine-radius-sm)',
        fontVariantNumeric: 'tabular-nums',
        fontWeight: item ? 400 : 600,
        // Overridden grades stand out without relying on colour alone: the pencil says it too.
        outlineOffset: -2,
      }}
      className={classes.cell}
    >
      <Text span size="sm" inherit>
        {percentText(cell?.percent)}
      </Text>
      {overridden && (
        <Text span size="xs" c="orange.8" ml={4} aria-hidden="true">
          ✎
        </Text>
      )}
    </UnstyledButton>
  );
  if (!overridden) return button;
  return (
    <Tooltip
      label={`Overridden: ${cell?.reason ?? ''}`}
      multiline
      maw={260}
      withinPortal
      events={{ hover: true, focus: true, touch: true }}
    >
      {button}
    </Tooltip>
  );
}

const average = (values: (number | null | undefined)[]) => {
  const known = values.filter((v): v is number => typeof v === 'number');
  return known.length ? known.reduce((a, b) => a + b, 0) / known.length : null;
};

type Props = { book: CourseGradebook; onOverride: (target: OverrideTarget) => void };

/** Learners down, items across, the total last; the names stay put while the grades scroll sideways on a phone. */
export function GradeTable({ book, onOverride }: Props) {
  const phone = usePhone();
  const width = phone ? WIDTHS.phone : WIDTHS.desk;
  const categoryName = (id: string | null) => book.categories.find((c) => c.id === id)?.name ?? null;
  return (
    <Table.ScrollContainer
      minWidth={width.name + width.cell * book.items.length + width.total}
      type="native"
      // A focused cell scrolls clear of the sticky names rather than under them.
      style={{ scrollPaddingLeft: width.name }}
    >
      <Table aria-label="Gradebook" verticalSpacing={4} horizontalSpacing={phone ? 4 : 'xs'} style={{ tableLayout: 'fixed' }}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={width.name} style={{ ...stickyEdge, verticalAlign: 'bottom' }}>
              Learner
            </Table.Th>
            {book.items.map((item) => (
              <Table.Th key={item.id} w={width.cell} style={{ verticalAlign: 'bottom' }} data-item={item.title}>
                <ItemHeader item={item} category={categoryName(item.categoryId)} phone={phone} />
              </Table.Th>
            ))}
            <Table.Th w={width.total} style={{ verticalAlign: 'bottom' }}>
              Course total
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {book.rows.map((row) => (
            <Table.Tr key={row.userId} data-learner={row.displayName}>
              <Table.Th scope="row" style={stickyEdge}>
                <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
                  {row.displayName}
                </Text>
                {/* The total is the last column, off screen on a phone: it shows under the name too. */}
                {phone && (
                  <Text size="xs" c="dimmed" fw={400} data-phone-total>
                    Total {percentText(row.total.percent)}
                  </Text>
                )}
              </Table.Th>
              {book.items.map((item) => (
                <Table.Td key={item.id}>
                  <CellButton row={row} item={item} cell={row.items[item.id]} onOpen={() => onOverride({ row, item })} />
                </Table.Td>
              ))}
              <Table.Td>
                <CellButton row={row} item={null} cell={row.total} onOpen={() => onOverride({ row, item: null })} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr data-averages>
            <Table.Th scope="row" style={stickyEdge}>
              <Text size="sm" c="dimmed">
                Average
              </Text>
            </Table.Th>
            {book.items.map((item) => (
              <Table.Td key={item.id} px={12}>
                <Text size="sm" c="dimmed" style={{ fontVariantNumeric: 'tabular-nums' }}>
                  {percentText(average(book.rows.map((r) => r.items[item.id]?.percent)))}
                </Text>
              </Table.Td>
            ))}
            <Table.Td px={12}>
              <Text size="sm" c="dimmed" style={{ fontVariantNumeric: 'tabular-nums' }}>
                {percentText(average(book.rows.map((r) => r.total.percent)))}
              </Text>
            </Table.Td>
          </Table.Tr>
        </Table.Tfoot>
      </Table>
    </Table.ScrollContainer>
  );
}
