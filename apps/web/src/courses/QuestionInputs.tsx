import type { LearnerQuestion, QuestionResponse, QuestionType, ResponseOf } from '@edumatrix/contracts';
import { ActionIcon, Checkbox, Group, NumberInput, Paper, Radio, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { Markdown } from './Markdown.tsx';
import { SortableArea, useSortableItem } from './Sortable.tsx';

/** A fill-in prompt with its `{{id}}` markers shown as numbered gaps. */
export function blankPrompt(question: LearnerQuestion) {
  let text = question.prompt;
  (question.blanks ?? []).forEach((b, i) => {
    text = text.replaceAll(`{{${b.id}}}`, `**(${i + 1})** \\_\\_\\_\\_\\_`);
  });
  return text;
}

export function QuestionPrompt({ question }: { question: LearnerQuestion }) {
  return <Markdown text={question.type === 'fill_blanks' ? blankPrompt(question) : question.prompt} />;
}

type InputProps<T extends QuestionType> = {
  question: LearnerQuestion;
  label: string;
  value: ResponseOf<T> | undefined;
  onChange: (response: ResponseOf<T>) => void;
  disabled?: boolean;
};

function OrderRow({
  id,
  text,
  index,
  count,
  move,
  disabled,
}: {
  id: string;
  text: string;
  index: number;
  count: number;
  move: (from: number, to: number) => void;
  disabled?: boolean;
}) {
  const { ref, style, handle } = useSortableItem(id, text, disabled);
  return (
    <Paper ref={ref} style={style} withBorder radius="sm" p={6} data-order-item={text}>
      <Group gap="xs" wrap="nowrap">
        {handle}
        <Text size="sm" style={{ flex: 1, overflowWrap: 'anywhere' }}>
          {index + 1}. {text}
        </Text>
        <ActionIcon
          variant="default"
          aria-label={`Move ${text} up`}
          disabled={disabled || index === 0}
          onClick={() => move(index, index - 1)}
        >
          ↑
        </ActionIcon>
        <ActionIcon
          variant="default"
          aria-label={`Move ${text} down`}
          disabled={disabled || index === count - 1}
          onClick={() => move(index, index + 1)}
        >
          ↓
        </ActionIcon>
      </Group>
    </Paper>
  );
}

function OrderingInput({ question, value, onChange, disabled, label }: InputProps<'ordering'>) {
  const items = question.items ?? [];
  const order = value?.order.filter((id) => items.some((i) => i.id === id)) ?? items.map((i) => i.id);
  const textOf = (id: string) => items.find((i) => i.id === id)?.text ?? id;
  const set = (ids: string[]) => onChange({ type: 'ordering', order: ids });
  const move = (from: number, to: number) => {
    const next = [...order];
    const [moved] = next.splice(from, 1);
    if (moved !== undefined) next.splice(to, 0, moved);
    set(next);
  };
  return (
    <Stack gap={6} role="group" aria-label={label}>
      <Text size="xs" c="dimmed">
        Drag the handles, or use the arrows, to put the items in order.
      </Text>
      <SortableArea ids={order} nameOf={textOf} onReorder={set}>
        {order.map((id, i) => (
          <OrderRow key={id} id={id} text={textOf(id)} index={i} count={order.length} move={move} disabled={disabled} />
        ))}
      </SortableArea>
    </Stack>
  );
}

function NumericInput({ value, onChange, disabled, label }: InputProps<'numeric'>) {
  // What is typed may not be a number yet ("-", "1."): only numbers are sent.
  const [text, setText] = useState<string | number>(value?.value ?? '');
  return (
    <NumberInput
      label={label}
      value={text}
      maw={260}
      disabled={disabled}
      decimalSeparator="."
      onChange={(next) => {
        setText(next);
        if (typeof next === 'number' && Number.isFinite(next)) onChange({ type: 'numeric', value: next });
      }}
    />
  );
}

/** One control per question type; each change is a whole response. */
export function QuestionInput({
  question,
  value,
  onChange,
  disabled,
  label,
}: InputProps<QuestionType> & { value: QuestionResponse | undefined }) {
  const v = value?.type === question.type ? value : undefined;
  switch (question.type) {
    case 'single_choice':
      return (
        <Radio.Group
          label={label}
          value={v?.type === 'single_choice' ? v.optionId : null}
          onChange={(optionId) => onChange({ type: 'single_choice', optionId })}
        >
          <Stack gap={8} mt={6}>
            {(question.options ?? []).map((o) => (
              <Radio key={o.id} value={o.id} label={o.text} disabled={disabled} />
            ))}
          </Stack>
        </Radio.Group>
      );
    case 'multiple_response':
      return (
        <Checkbox.Group
          label={label}
          description="Tick every correct answer"
          value={v?.type === 'multiple_response' ? v.optionIds : []}
          onChange={(optionIds) => onChange({ type: 'multiple_response', optionIds })}
        >
          <Stack gap={8} mt={6}>
            {(question.options ?? []).map((o) => (
              <Checkbox key={o.id} value={o.id} label={o.text} disabled={disabled} />
            ))}
          </Stack>
        </Checkbox.Group>
      );
    case 'true_false':
      return (
        <Radio.Group
          label={label}
          value={v?.type === 'true_false' ? String(v.value) : null}
          onChange={(next) => onChange({ type: 'true_false', value: next === 'true' })}
        >
          <Group gap="lg" mt={6}>
            <Radio value="true" label="True" disabled={disabled} />
            <Radio value="false" label="False" disabled={disabled} />
          </Group>
        </Radio.Group>
      );
    case 'fill_blanks': {
      const answers = v?.type === 'fill_blanks' ? v.answers : {};
      return (
        <Stack gap="xs" role="group" aria-label={label}>
          {(question.blanks ?? []).map((b, i) => (
            <TextInput
              key={b.id}
              label={`Blank (${i + 1})`}
              maw={360}
              disabled={disabled}
              autoComplete="off"
              value={answers[b.id] ?? ''}
              onChange={(event) => onChange({ type: 'fill_blanks', answers: { ...answers, [b.id]: event.currentTarget.value } })}
            />
          ))}
        </Stack>
      );
    }
    case 'numeric':
      return (
        <NumericInput
          question={question}
          label={label}
          value={v?.type === 'numeric' ? v : undefined}
          onChange={onChange}
          disabled={disabled}
        />
      );
    case 'short_answer':
      return (
        <TextInput
          label={label}
          maw={480}
          autoComplete="off"
          disabled={disabled}
          value={v?.type === 'short_answer' ? v.text : ''}
          onChange={(event) => onChange({ type: 'short_answer', text: event.currentTarget.value })}
        />
      );
    case 'matching': {
      const pairs = v?.type === 'matching' ? v.pairs : [];
      const right = (question.right ?? []).map((r) => ({ value: r.id, label: r.text }));
      return (
        <Stack gap="xs" role="group" aria-label={label}>
          {(question.left ?? []).map((l) => (
            <Group key={l.id} gap="sm" wrap="wrap" align="center">
              <Text size="sm" style={{ flex: '1 1 160px', overflowWrap: 'anywhere' }}>
                {l.text}
              </Text>
              <Select
                aria-label={`Match for ${l.text}`}
                placeholder="Choose…"
                data={right}
                disabled={disabled}
                style={{ flex: '1 1 180px' }}
                value={pairs.find((p) => p.left === l.id)?.right ?? null}
                onChange={(r) =>
                  onChange({
                    type: 'matching',
                    pairs: [...pairs.filter((p) => p.left !== l.id), ...(r ? [{ left: l.id, right: r }] : [])],
                  })
                }
              />
            </Group>
          ))}
        </Stack>
      );
    }
    case 'ordering':
      return (
        <OrderingInput
          question={question}
          label={label}
          value={v?.type === 'ordering' ? v : undefined}
          onChange={onChange}
          disabled={disabled}
        />
      );
    case 'essay':
      return (
        <Textarea
          label={label}
          autosize
          minRows={6}
          maxRows={20}
          disabled={disabled}
          value={v?.type === 'essay' ? v.text : ''}
          onChange={(event) => onChange({ type: 'essay', text: event.currentTarget.value })}
        />
      );
    default:
      return question.type satisfies never;
  }
}

/** A learner's answer in words, for the results. */
export function answerText(question: LearnerQuestion, response: QuestionResponse | undefined): string {
  if (!response || response.type !== question.type) return 'No answer';
  const textOf = (list: { id: string; text: string }[] | undefined, id: string) => list?.find((x) => x.id === id)?.text ?? id;
  switch (response.type) {
    case 'single_choice':
      return textOf(question.options, response.optionId);
    case 'multiple_response':
      return response.optionIds.length ? response.optionIds.map((id) => textOf(question.options, id)).join('; ') : 'No answer';
    case 'true_false':
      return response.value ? 'True' : 'False';
    case 'fill_blanks':
      return (question.blanks ?? []).map((b, i) => `(${i + 1}) ${response.answers[b.id]?.trim() || '—'}`).join('  ');
    case 'numeric':
      return String(response.value);
    case 'short_answer':
      return response.text.trim() || 'No answer';
    case 'matching':
      return (question.left ?? [])
        .map((l) => {
          const pair = response.pairs.find((p) => p.left === l.id);
          return `${l.text} → ${pair ? textOf(question.right, pair.right) : '—'}`;
        })
        .join('; ');
    case 'ordering':
      return response.order.map((id) => textOf(question.items, id)).join(' → ');
    case 'essay':
      return response.text.trim() || 'No answer';
    default:
      return response satisfies never;
  }
}
