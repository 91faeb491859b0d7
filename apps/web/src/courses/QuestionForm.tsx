import { type CreateQuestionBody, QUESTION_TYPES, type Question, type QuestionType } from '@edumatrix/contracts';
import {
  ActionIcon,
  Button,
  Checkbox,
  Fieldset,
  Group,
  Input,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Textarea,
  TextInput,
} from '@mantine/core';
import { type UseFormReturnType, useForm } from '@mantine/form';
import { useState } from 'react';
import { client } from '../api.ts';
import { FormActions, ResponsiveModal } from '../ui/FormActions.tsx';
import { notifySuccess } from '../ui/problem.ts';
import { applyNestedProblem } from './form-errors.ts';
import { MarkdownField } from './MarkdownField.tsx';
import { promptLine, QUESTION_TYPE_LABEL } from './quiz-queries.ts';

let seq = 0;
/** React keys for rows whose ids may be edited. */
const nextKey = () => `row${++seq}`;

type Row = { key: string; id: string; text: string };
type OptionRow = Row & { correct: boolean };
type BlankRow = { key: string; id: string; accepted: string[]; caseSensitive: boolean };
type LeftRow = Row & { match: string | null };

export type QuestionValues = {
  type: QuestionType;
  prompt: string;
  points: number | string;
  tags: string[];
  difficulty: string;
  feedback: { correct: string; incorrect: string; general: string };
  options: OptionRow[];
  truth: string;
  blanks: BlankRow[];
  answer: number | string;
  tolerance: number | string;
  toleranceKind: 'absolute' | 'percent';
  match: 'exact' | 'pattern';
  accepted: string[];
  caseSensitive: boolean;
  pattern: string;
  left: LeftRow[];
  right: Row[];
  items: Row[];
  guidance: string;
};

const rows = (prefix: string, n: number): Row[] =>
  Array.from({ length: n }, (_, i) => ({ key: nextKey(), id: `${prefix}${i + 1}`, text: '' }));

/** The next free id with this prefix: A1, A2… */
function freeId(prefix: string, taken: { id: string }[]) {
  for (let i = 1; ; i++) if (!taken.some((r) => r.id === `${prefix}${i}`)) return `${prefix}${i}`;
}

function initialValues(q: Question | null): QuestionValues {
  const blank: QuestionValues = {
    type: q?.type ?? 'single_choice',
    prompt: q?.prompt ?? '',
    points: q?.points ?? 1,
    tags: q?.tags ?? [],
    difficulty: String(q?.difficulty ?? 3),
    feedback: q?.feedback ?? { correct: '', incorrect: '', general: '' },
    options: rows('o', 2).map((r) => ({ ...r, correct: false })),
    truth: 'true',
    blanks: [{ key: nextKey(), id: 'b1', accepted: [], caseSensitive: false }],
    answer: '',
    tolerance: 0,
    toleranceKind: 'absolute',
    match: 'exact',
    accepted: [],
    caseSensitive: false,
    pattern: '',
    left: rows('l', 2).map((r) => ({ ...r, match: null })),
    right: rows('r', 2),
    items: rows('i', 3),
    guidance: '',
  };
  if (!q) return blank;
  const keyed = <T extends object>(list: T[]) => list.map((item) => ({ ...item, key: nextKey() }));
  switch (q.type) {
    case 'single_choice':
    case 'multiple_response':
      return { ...blank, options: keyed(q.options) };
    case 'true_false':
      return { ...blank, truth: String(q.answer) };
    case 'fill_blanks':
      return { ...blank, blanks: keyed(q.blanks) };
    case 'numeric':
      return { ...blank, answer: q.answer, tolerance: q.tolerance, toleranceKind: q.toleranceKind };
    case 'short_answer':
      return { ...blank, match: q.match, accepted: q.accepted, caseSensitive: q.caseSensitive, pattern: q.pattern };
    case 'matching':
      return {
        ...blank,
        left: q.left.map((l) => ({ ...l, key: nextKey(), match: q.pairs.find((p) => p.left === l.id)?.right ?? null })),
        right: keyed(q.right),
      };
    case 'ordering':
      return { ...blank, items: keyed(q.items) };
    case 'essay':
      return { ...blank, guidance: q.guidance };
    default:
      return q satisfies never;
  }
}

const toNumber = (value: number | string) => (value === '' ? Number.NaN : Number(value));
const plain = (list: Row[]) => list.map(({ id, text }) => ({ id, text }));

/** The request body for the chosen type; the server checks it and names the fields it refuses. */
export function bodyOf(v: QuestionValues): CreateQuestionBody {
  const common = {
    prompt: v.prompt,
    points: toNumber(v.points),
    tags: v.tags,
    difficulty: Number(v.difficulty),
    feedback: v.feedback,
  };
  const options = v.options.map(({ id, text, correct }) => ({ id, text, correct }));
  switch (v.type) {
    case 'single_choice':
      return { type: 'single_choice', ...common, options };
    case 'multiple_response':
      return { type: 'multiple_response', ...common, options };
    case 'true_false':
      return { type: 'true_false', ...common, answer: v.truth === 'true' };
    case 'fill_blanks':
      return {
        type: 'fill_blanks',
        ...common,
        blanks: v.blanks.map(({ id, accepted, caseSensitive }) => ({ id, accepted, caseSensitive })),
      };
    case 'numeric':
      return { type: 'numeric', ...common, answer: toNumber(v.answer), tolerance: toNumber(v.tolerance), toleranceKind: v.toleranceKind };
    case 'short_answer':
      return v.match === 'exact'
        ? { type: 'short_answer', ...common, match: 'exact', accepted: v.accepted, caseSensitive: v.caseSensitive }
        : { type: 'short_answer', ...common, match: 'pattern', pattern: v.pattern };
    case 'matching':
      return {
        type: 'matching',
        ...common,
        left: plain(v.left),
        right: plain(v.right),
        pairs: v.left.flatMap((l) => (l.match ? [{ left: l.id, right: l.match }] : [])),
      };
    case 'ordering':
      return { type: 'ordering', ...common, items: plain(v.items) };
    case 'essay':
      return { type: 'essay', ...common, guidance: v.guidance };
    default:
      return v.type satisfies never;
  }
}

/** Where the form shows an error the server reported for `path` of the body. */
function formPath(path: string, values: QuestionValues): string {
  // Pairs are chosen beside each left item; a left item's own error is about its pairing.
  const pair = path.match(/^pairs\.(\d+)/);
  if (pair) {
    const left = values.left.filter((l) => l.match)[Number(pair[1])];
    return left ? `left.${values.left.indexOf(left)}.match` : 'left';
  }
  if (/^left\.\d+$/.test(path)) return `${path}.match`;
  if (values.type === 'true_false' && path === 'answer') return 'truth';
  return path;
}

function ListError({ error }: { error: unknown }) {
  if (!error) return null;
  return <Input.Error role="alert">{String(error)}</Input.Error>;
}

function RemoveButton({ label, onClick, disabled }: { label: string; onClick: () => void; disabled?: boolean }) {
  return (
    <ActionIcon variant="subtle" color="red" size="lg" aria-label={label} onClick={onClick} disabled={disabled} mt={2}>
      ×
    </ActionIcon>
  );
}

type Form = UseFormReturnType<QuestionValues>;

function ChoiceFields({ form }: { form: Form }) {
  const v = form.getValues();
  const single = v.type === 'single_choice';
  return (
    <Fieldset legend={single ? 'Options (mark the correct one)' : 'Options (mark every correct one)'}>
      <Stack gap="xs">
        {v.options.map((o, i) => (
          <Group key={o.key} gap="xs" align="flex-start" wrap="nowrap">
            <Checkbox
              mt={8}
              aria-label={`Option ${i + 1} is correct`}
              checked={o.correct}
              onChange={(event) => {
                const checked = event.currentTarget.checked;
                // One correct option for single choice: ticking one unticks the others.
                if (single && checked) {
                  for (const j of v.options.keys()) form.setFieldValue(`options.${j}.correct`, j === i);
                } else form.setFieldValue(`options.${i}.correct`, checked);
                form.clearFieldError('options');
              }}
            />
            <TextInput
              aria-label={`Option ${i + 1}`}
              placeholder={`Option ${i + 1}`}
              style={{ flex: 1 }}
              {...form.getInputProps(`options.${i}.text`)}
            />
            <RemoveButton
              label={`Remove option ${i + 1}`}
              disabled={v.options.length <= 2}
              onClick={() => form.removeListItem('options', i)}
            />
          </Group>
        ))}
        <ListError error={form.errors.options} />
        <Button
          variant="subtle"
          size="compact-sm"
          style={{ alignSelf: 'flex-start' }}
          onClick={() => form.insertListItem('options', { key: nextKey(), id: freeId('o', v.options), text: '', correct: false })}
        >
          + Add option
        </Button>
      </Stack>
    </Fieldset>
  );
}

function BlankFields({ form }: { form: Form }) {
  const v = form.getValues();
  return (
    <Fieldset legend="Blanks">
      <Stack gap="sm">
        {v.blanks.map((b, i) => (
          <Group key={b.key} gap="xs" align="flex-start" wrap="wrap">
            <TextInput label="Blank id" w={110} {...form.getInputProps(`blanks.${i}.id`)} />
            <TagsInput
              label={`Accepted answers for {{${b.id}}}`}
              description="Press Enter after each"
              splitChars={['|']}
              style={{ flex: '1 1 220px' }}
              {...form.getInputProps(`blanks.${i}.accepted`)}
            />
            <Checkbox mt={34} label="Case sensitive" {...form.getInputProps(`blanks.${i}.caseSensitive`, { type: 'checkbox' })} />
            <RemoveButton label={`Remove blank ${b.id}`} disabled={v.blanks.length <= 1} onClick={() => form.removeListItem('blanks', i)} />
          </Group>
        ))}
        <ListError error={form.errors.blanks} />
        <Button
          variant="subtle"
          size="compact-sm"
          style={{ alignSelf: 'flex-start' }}
          onClick={() => {
            const id = freeId('b', v.blanks);
            form.insertListItem('blanks', { key: nextKey(), id, accepted: [], caseSensitive: false });
            form.setFieldValue('prompt', `${v.prompt.trimEnd()} {{${id}}}`);
          }}
        >
          + Add blank
        </Button>
      </Stack>
    </Fieldset>
  );
}

function TextRows({
  form,
  name,
  legend,
  noun,
  prefix,
}: {
  form: Form;
  name: 'right' | 'items';
  legend: string;
  noun: string;
  prefix: string;
}) {
  const list = form.getValues()[name];
  const ordering = name === 'items';
  return (
    <Fieldset legend={legend}>
      <Stack gap="xs">
        {list.map((row, i) => (
          <Group key={row.key} gap="xs" align="flex-start" wrap="nowrap">
            <TextInput
              aria-label={`${noun} ${i + 1}`}
              placeholder={`${noun} ${i + 1}`}
              style={{ flex: 1 }}
              {...form.getInputProps(`${name}.${i}.text`)}
            />
            {ordering && (
              <>
                <ActionIcon
                  variant="default"
                  size="lg"
                  mt={2}
                  aria-label={`Move ${noun.toLowerCase()} ${i + 1} up`}
                  disabled={i === 0}
                  onClick={() => form.reorderListItem(name, { from: i, to: i - 1 })}
                >
                  ↑
                </ActionIcon>
                <ActionIcon
                  variant="default"
                  size="lg"
                  mt={2}
                  aria-label={`Move ${noun.toLowerCase()} ${i + 1} down`}
                  disabled={i === list.length - 1}
                  onClick={() => form.reorderListItem(name, { from: i, to: i + 1 })}
                >
                  ↓
                </ActionIcon>
              </>
            )}
            <RemoveButton
              label={`Remove ${noun.toLowerCase()} ${i + 1}`}
              disabled={list.length <= 2}
              onClick={() => form.removeListItem(name, i)}
            />
          </Group>
        ))}
        <ListError error={form.errors[name]} />
        <Button
          variant="subtle"
          size="compact-sm"
          style={{ alignSelf: 'flex-start' }}
          onClick={() => form.insertListItem(name, { key: nextKey(), id: freeId(prefix, list), text: '' })}
        >
          + Add {noun.toLowerCase()}
        </Button>
      </Stack>
    </Fieldset>
  );
}

function MatchingFields({ form }: { form: Form }) {
  const v = form.getValues();
  const choices = v.right.map((r, i) => ({ value: r.id, label: r.text.trim() || `Right ${i + 1}` }));
  return (
    <Stack gap="sm">
      <Fieldset legend="Left items and their matches">
        <Stack gap="xs">
          {v.left.map((l, i) => (
            <Group key={l.key} gap="xs" align="flex-start" wrap="wrap">
              <TextInput
                aria-label={`Left ${i + 1}`}
                placeholder={`Left ${i + 1}`}
                style={{ flex: '1 1 180px' }}
                {...form.getInputProps(`left.${i}.text`)}
              />
              <Select
                aria-label={`Match for left ${i + 1}`}
                placeholder="Matches…"
                data={choices}
                style={{ flex: '1 1 160px' }}
                {...form.getInputProps(`left.${i}.match`)}
              />
              <RemoveButton label={`Remove left ${i + 1}`} disabled={v.left.length <= 2} onClick={() => form.removeListItem('left', i)} />
            </Group>
          ))}
          <ListError error={form.errors.left} />
          <Button
            variant="subtle"
            size="compact-sm"
            style={{ alignSelf: 'flex-start' }}
            onClick={() => form.insertListItem('left', { key: nextKey(), id: freeId('l', v.left), text: '', match: null })}
          >
            + Add left item
          </Button>
        </Stack>
      </Fieldset>
      <TextRows form={form} name="right" legend="Right items (extra ones are distractors)" noun="Right" prefix="r" />
    </Stack>
  );
}

function TypeFields({ form }: { form: Form }) {
  const v = form.getValues();
  switch (v.type) {
    case 'single_choice':
    case 'multiple_response':
      return <ChoiceFields form={form} />;
    case 'true_false':
      return (
        <div>
          <Input.Label component="div">The statement is</Input.Label>
          <SegmentedControl
            aria-label="The statement is"
            data={[
              { value: 'true', label: 'True' },
              { value: 'false', label: 'False' },
            ]}
            {...form.getInputProps('truth')}
          />
        </div>
      );
    case 'fill_blanks':
      return <BlankFields form={form} />;
    case 'numeric':
      return (
        <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
          <NumberInput label="Answer" {...form.getInputProps('answer')} />
          <NumberInput label="Tolerance" min={0} allowNegative={false} {...form.getInputProps('tolerance')} />
          <Select
            label="Tolerance is"
            allowDeselect={false}
            data={[
              { value: 'absolute', label: 'Absolute (±)' },
              { value: 'percent', label: 'Percent of the answer' },
            ]}
            {...form.getInputProps('toleranceKind')}
          />
        </SimpleGrid>
      );
    case 'short_answer':
      return (
        <Stack gap="sm">
          <div>
            <Input.Label component="div">Answers are checked</Input.Label>
            <SegmentedControl
              aria-label="Answers are checked"
              data={[
                { value: 'exact', label: 'Against a list' },
                { value: 'pattern', label: 'With a pattern' },
              ]}
              {...form.getInputProps('match')}
            />
          </div>
          {v.match === 'exact' ? (
            <>
              <TagsInput
                label="Accepted answers"
                description="Press Enter after each"
                splitChars={['|']}
                {...form.getInputProps('accepted')}
              />
              <Checkbox label="Case sensitive" {...form.getInputProps('caseSensitive', { type: 'checkbox' })} />
            </>
          ) : (
            <TextInput
              label="Pattern"
              description="A regular expression the whole answer must match, ignoring case, e.g. colou?r"
              autoComplete="off"
              {...form.getInputProps('pattern')}
            />
          )}
        </Stack>
      );
    case 'matching':
      return <MatchingFields form={form} />;
    case 'ordering':
      return <TextRows form={form} name="items" legend="Items, in the correct order (students see them shuffled)" noun="Item" prefix="i" />;
    case 'essay':
      return (
        <Textarea
          label="Guidance for graders"
          description="What a full answer holds; students do not see it"
          autosize
          minRows={3}
          {...form.getInputProps('guidance')}
        />
      );
    default:
      return v.type satisfies never;
  }
}

const TYPE_CHOICES = QUESTION_TYPES.map((t) => ({ value: t, label: QUESTION_TYPE_LABEL[t] }));

type FormProps = {
  institutionId: string;
  courseId: string;
  question: Question | null;
  onSaved: () => Promise<unknown>;
  onDone: () => void;
};

function QuestionForm({ institutionId, courseId, question, onSaved, onDone }: FormProps) {
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<QuestionValues>({ initialValues: initialValues(question) });
  const v = form.getValues();

  async function save(values: QuestionValues) {
    setFormError(null);
    try {
      const body = bodyOf(values);
      if (question) await client.courses.updateQuestion(institutionId, courseId, question.id, body);
      else await client.courses.addQuestion(institutionId, courseId, body);
      notifySuccess(`The question was ${question ? 'saved' : 'added'}.`);
      await onSaved();
      onDone();
    } catch (error) {
      setFormError(applyNestedProblem(form, error, formPath));
    }
  }

  return (
    <form onSubmit={form.onSubmit(save)} noValidate>
      <Stack gap="md">
        <Select label="Type" data={TYPE_CHOICES} allowDeselect={false} maw={320} {...form.getInputProps('type')} />
        <MarkdownField
          label="Question"
          description={v.type === 'fill_blanks' ? 'Mark each blank as {{id}}, e.g. “Water boils at {{b1}} °C.”' : 'Markdown'}
          minRows={3}
          {...form.getInputProps('prompt')}
        />
        <TypeFields form={form} />
        <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
          <NumberInput label="Points" min={0} decimalScale={2} {...form.getInputProps('points')} />
          <Select
            label="Difficulty"
            allowDeselect={false}
            data={['1', '2', '3', '4', '5'].map((d) => ({
              value: d,
              label: `${d} ${d === '1' ? '(easy)' : d === '5' ? '(hard)' : ''}`.trim(),
            }))}
            {...form.getInputProps('difficulty')}
          />
          <TagsInput label="Tags" description="Press Enter after each" {...form.getInputProps('tags')} />
        </SimpleGrid>
        <Fieldset legend="Feedback (optional, Markdown)">
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <Textarea label="When correct" autosize minRows={1} maxRows={4} {...form.getInputProps('feedback.correct')} />
            <Textarea label="When not correct" autosize minRows={1} maxRows={4} {...form.getInputProps('feedback.incorrect')} />
            <Textarea label="Always" autosize minRows={1} maxRows={4} {...form.getInputProps('feedback.general')} />
          </SimpleGrid>
        </Fieldset>
        <FormActions error={formError} onCancel={onDone} submitting={form.submitting}>
          {question ? 'Save question' : 'Add question'}
        </FormActions>
      </Stack>
    </form>
  );
}

type ModalProps = Omit<FormProps, 'onDone'> & { opened: boolean; onClose: () => void };

export function QuestionFormModal({ opened, onClose, ...props }: ModalProps) {
  return (
    <ResponsiveModal
      opened={opened}
      onClose={onClose}
      size="xl"
      title={props.question ? `Edit: ${promptLine(props.question.prompt).slice(0, 60)}` : 'Add a question'}
    >
      <QuestionForm key={props.question?.id ?? 'new'} {...props} onDone={onClose} />
    </ResponsiveModal>
  );
}

export function questionSummary(q: Question): string {
  return `${QUESTION_TYPE_LABEL[q.type]} · ${q.points} ${q.points === 1 ? 'point' : 'points'} · difficulty ${q.difficulty}`;
}
