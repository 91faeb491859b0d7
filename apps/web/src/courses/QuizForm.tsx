import type { Question, Quiz, QuizFeedback, QuizScoring } from '@edumatrix/contracts';
import {
  ActionIcon,
  Badge,
  Button,
  Checkbox,
  Fieldset,
  Group,
  Input,
  NumberInput,
  ScrollArea,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  TagsInput,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { client } from '../api.ts';
import { FormActions, ResponsiveModal } from '../ui/FormActions.tsx';
import { notifySuccess } from '../ui/problem.ts';
import { applyNestedProblem } from './form-errors.ts';
import { FEEDBACK_LABEL, promptLine, QUESTION_TYPE_LABEL, SCORING_LABEL } from './quiz-queries.ts';

let seq = 0;
const nextKey = () => `pool${++seq}`;

type QuizValues = {
  title: string;
  description: string;
  questionIds: string[];
  pools: { key: string; tags: string[]; count: number | string }[];
  shuffleOptions: boolean;
  timeLimitMinutes: number | string;
  maxAttempts: number | string;
  scoring: QuizScoring;
  feedback: QuizFeedback;
  published: boolean;
  adaptiveCount: number | string;
};

const orNull = (value: number | string) => (value === '' ? null : Number(value));

function QuestionPicker({
  bank,
  value,
  onChange,
  error,
}: {
  bank: Question[];
  value: string[];
  onChange: (ids: string[]) => void;
  error: unknown;
}) {
  if (bank.length === 0)
    return (
      <Text size="sm" c="dimmed">
        The question bank is empty: add questions first.
      </Text>
    );
  return (
    <Checkbox.Group
      label="Questions"
      description="Asked in the order you tick them"
      value={value}
      onChange={onChange}
      error={error ? String(error) : undefined}
    >
      <ScrollArea.Autosize mah={280} type="auto" mt={6}>
        <Stack gap={6} pr="sm">
          {bank.map((q) => (
            <Checkbox
              key={q.id}
              value={q.id}
              label={
                <Text span size="sm" style={{ overflowWrap: 'anywhere' }}>
                  {promptLine(q.prompt)}{' '}
                  <Text span size="xs" c="dimmed">
                    ({QUESTION_TYPE_LABEL[q.type]}
                    {q.tags.length ? ` · ${q.tags.join(', ')}` : ''})
                  </Text>
                </Text>
              }
            />
          ))}
        </Stack>
      </ScrollArea.Autosize>
    </Checkbox.Group>
  );
}

type FormProps = {
  institutionId: string;
  courseId: string;
  quiz: Quiz | null;
  bank: Question[];
  onSaved: () => Promise<unknown>;
  onDone: () => void;
};

function QuizForm({ institutionId, courseId, quiz, bank, onSaved, onDone }: FormProps) {
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<QuizValues>({
    initialValues: {
      title: quiz?.title ?? '',
      description: quiz?.description ?? '',
      questionIds: quiz?.questionIds ?? [],
      pools: (quiz?.pools ?? []).map((p) => ({ ...p, key: nextKey() })),
      shuffleOptions: quiz?.shuffleOptions ?? true,
      timeLimitMinutes: quiz?.timeLimitMinutes ?? '',
      maxAttempts: quiz?.maxAttempts ?? '',
      scoring: quiz?.scoring ?? 'best',
      feedback: quiz?.feedback ?? 'after_submit',
      published: quiz?.published ?? false,
      adaptiveCount: quiz?.adaptiveCount ?? '',
    },
    validate: { title: (value) => (value.trim() ? null : 'Enter a title') },
  });
  const v = form.getValues();
  const tags = [...new Set(bank.flatMap((q) => q.tags))].sort();

  async function save(values: QuizValues) {
    setFormError(null);
    const body = {
      title: values.title.trim(),
      description: values.description,
      questionIds: values.questionIds,
      pools: values.pools.map((p) => ({ tags: p.tags, count: Number(p.count) })),
      shuffleOptions: values.shuffleOptions,
      timeLimitMinutes: orNull(values.timeLimitMinutes),
      maxAttempts: orNull(values.maxAttempts),
      scoring: values.scoring,
      feedback: values.feedback,
      published: values.published,
      adaptiveCount: orNull(values.adaptiveCount),
    };
    try {
      if (quiz) await client.courses.updateQuiz(institutionId, courseId, quiz.id, body);
      else await client.courses.createQuiz(institutionId, courseId, body);
      notifySuccess(`${body.title} was ${quiz ? 'saved' : 'created'}${body.published ? '' : ' (not published yet)'}.`);
      await onSaved();
      onDone();
    } catch (error) {
      setFormError(applyNestedProblem(form, error));
    }
  }

  return (
    <form onSubmit={form.onSubmit(save)} noValidate>
      <Stack gap="md">
        <TextInput label="Title" required autoComplete="off" data-autofocus {...form.getInputProps('title')} />
        <Textarea
          label="Description"
          description="Optional; shown before starting"
          autosize
          minRows={2}
          {...form.getInputProps('description')}
        />
        <QuestionPicker
          bank={bank}
          value={v.questionIds}
          onChange={(ids) => form.setFieldValue('questionIds', ids)}
          error={form.errors.questionIds}
        />
        <Fieldset legend="Random questions from pools (optional)">
          <Stack gap="xs">
            {v.pools.length === 0 && (
              <Text size="sm" c="dimmed">
                Each attempt can also draw questions at random from those carrying every tag of a pool.
              </Text>
            )}
            {v.pools.map((p, i) => (
              <Group key={p.key} gap="xs" align="flex-start" wrap="wrap">
                <TagsInput
                  label={`Pool ${i + 1}: tags`}
                  data={tags}
                  style={{ flex: '1 1 220px' }}
                  {...form.getInputProps(`pools.${i}.tags`)}
                />
                <NumberInput label="Questions" min={1} max={100} allowDecimal={false} w={110} {...form.getInputProps(`pools.${i}.count`)} />
                <ActionIcon
                  variant="subtle"
                  color="red"
                  size="lg"
                  mt={26}
                  aria-label={`Remove pool ${i + 1}`}
                  onClick={() => form.removeListItem('pools', i)}
                >
                  ×
                </ActionIcon>
              </Group>
            ))}
            <Input.Error>{form.errors.pools}</Input.Error>
            <Button
              variant="subtle"
              size="compact-sm"
              style={{ alignSelf: 'flex-start' }}
              onClick={() => form.insertListItem('pools', { key: nextKey(), tags: [], count: 1 })}
            >
              + Add pool
            </Button>
          </Stack>
        </Fieldset>
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <NumberInput
            label="Time limit (minutes)"
            description="Empty: no limit"
            min={1}
            max={600}
            allowDecimal={false}
            allowNegative={false}
            {...form.getInputProps('timeLimitMinutes')}
          />
          <NumberInput
            label="Attempts allowed"
            description="Empty: as many as they like"
            min={1}
            max={100}
            allowDecimal={false}
            allowNegative={false}
            {...form.getInputProps('maxAttempts')}
          />
          <Select
            label="Scoring"
            allowDeselect={false}
            data={Object.entries(SCORING_LABEL).map(([value, label]) => ({ value, label }))}
            {...form.getInputProps('scoring')}
          />
          <Select
            label="Show results and feedback"
            allowDeselect={false}
            data={Object.entries(FEEDBACK_LABEL).map(([value, label]) => ({ value, label }))}
            {...form.getInputProps('feedback')}
          />
          <NumberInput
            label="Adaptive mode: questions to ask"
            description="Empty: off. On: one at a time, harder after a right answer, easier after a wrong one"
            min={1}
            max={100}
            allowDecimal={false}
            allowNegative={false}
            {...form.getInputProps('adaptiveCount')}
          />
        </SimpleGrid>
        <Group gap="lg">
          <Switch label="Shuffle options" {...form.getInputProps('shuffleOptions', { type: 'checkbox' })} />
          <Switch label="Published" {...form.getInputProps('published', { type: 'checkbox' })} />
        </Group>
        <FormActions error={formError} onCancel={onDone} submitting={form.submitting}>
          {quiz ? 'Save quiz' : 'Create quiz'}
        </FormActions>
      </Stack>
    </form>
  );
}

type ModalProps = Omit<FormProps, 'onDone'> & { opened: boolean; onClose: () => void };

export function QuizFormModal({ opened, onClose, ...props }: ModalProps) {
  return (
    <ResponsiveModal opened={opened} onClose={onClose} size="xl" title={props.quiz ? `Edit ${props.quiz.title}` : 'New quiz'}>
      <QuizForm key={props.quiz?.id ?? 'new'} {...props} onDone={onClose} />
    </ResponsiveModal>
  );
}

export function quizFacts(quiz: Quiz): string[] {
  const count = quiz.questionIds.length + quiz.pools.reduce((n, p) => n + p.count, 0);
  return [
    `${count} ${count === 1 ? 'question' : 'questions'}`,
    quiz.timeLimitMinutes ? `${quiz.timeLimitMinutes} min` : 'No time limit',
    quiz.maxAttempts ? `${quiz.maxAttempts} ${quiz.maxAttempts === 1 ? 'attempt' : 'attempts'}` : 'Unlimited attempts',
  ];
}

export function PublishedBadge({ published }: { published: boolean }) {
  return (
    <Badge color={published ? 'teal' : 'gray'} variant="light">
      {published ? 'Published' : 'Draft'}
    </Badge>
  );
}
