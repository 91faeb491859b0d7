// Reporting a post or comment to the moderators with a reason; reporting twice is refused by the
// server, and that answer is shown here.
import { Modal, Select, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { client } from '../api.ts';
import { FormActions } from '../ui/FormActions.tsx';
import { applyProblem, focusFirstInvalid, notifySuccess } from '../ui/problem.ts';
import { REPORT_REASONS } from './labels.ts';

type Target = { type: 'post' | 'comment'; id: string };
type Values = { reason: string | null; details: string };

function ReportForm({ target, onDone }: { target: Target; onDone: () => void }) {
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<Values>({
    initialValues: { reason: null, details: '' },
    validate: {
      reason: (v) => (v ? null : 'Choose a reason'),
      details: (v) => (v.length > 1000 ? 'Keep it under 1,000 characters' : null),
    },
  });

  async function report(values: Values) {
    setFormError(null);
    const body = { reason: values.reason as (typeof REPORT_REASONS)[number]['value'], details: values.details };
    try {
      if (target.type === 'post') await client.social.reportPost(target.id, body);
      else await client.social.reportComment(target.id, body);
      notifySuccess('Thank you. A moderator will look at it.', 'Reported');
      onDone();
    } catch (error) {
      setFormError(applyProblem(form, error));
    }
  }

  return (
    <form onSubmit={form.onSubmit(report, focusFirstInvalid)} noValidate>
      <Stack>
        <Text size="sm" c="dimmed">
          Reports go to the platform’s moderators. The author is not told who reported.
        </Text>
        <Select
          label="Reason"
          required
          data={REPORT_REASONS}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
          {...form.getInputProps('reason')}
        />
        <Textarea label="Details (optional)" autosize minRows={2} maxRows={6} {...form.getInputProps('details')} />
        <FormActions error={formError} onCancel={onDone} submitting={form.submitting}>
          Send report
        </FormActions>
      </Stack>
    </form>
  );
}

export function ReportModal({ target, opened, onClose }: { target: Target; opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title={`Report this ${target.type}`}>
      {opened && <ReportForm target={target} onDone={onClose} />}
    </Modal>
  );
}
