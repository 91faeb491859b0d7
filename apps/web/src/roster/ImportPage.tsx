import { IMPORT_FILES, type ImportFormat, type ImportMode, type Institution, type RosterImport } from '@edumatrix/contracts';
import { Alert, Anchor, Button, Code, FileInput, Group, List, Stack, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { client } from '../api.ts';
import { canManage } from '../institutions/options.ts';
import { useInstitutionContext } from '../institutions/useInstitutionContext.ts';
import { peopleKeys } from '../people/queries.ts';
import { useSocketEvent } from '../realtime/hooks.ts';
import { PageHeader } from '../structure/PageHeader.tsx';
import { usePhone } from '../ui/FormActions.tsx';
import { FormAlert } from '../ui/FormAlert.tsx';
import { formatRelative } from '../ui/format.ts';
import { PickOne } from '../ui/PickOne.tsx';
import { errorMessage } from '../ui/problem.ts';
import { LoadError, Loading } from '../ui/states.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { Section } from '../webhooks/Section.tsx';
import { columnsOf, download, FORMATS, formatLabel, templateOf } from './formats.ts';
import { ImportReportView, statusBadge } from './ImportReportView.tsx';
import { importQuery, importsQuery, isFinished, rosterKeys } from './queries.ts';

type Picked = { files: File[]; texts: Record<string, string>; ignored: string[] };
const NOTHING: Picked = { files: [], texts: {}, ignored: [] };

/**
 * The API takes each file under its format's name. A single-file format takes whatever the file is
 * called; OneRoster files are told apart by their standard names.
 */
async function readFiles(format: ImportFormat, files: File[]): Promise<Picked> {
  const required = IMPORT_FILES[format].required;
  const texts: Record<string, string> = {};
  const ignored: string[] = [];
  for (const file of files) {
    const name = required.length === 1 ? required[0] : file.name.toLowerCase().split(/[\\/]/).pop();
    if (name && required.includes(name)) texts[name] = await file.text();
    else ignored.push(file.name);
  }
  return { files, texts, ignored };
}

function Templates({ format }: { format: ImportFormat }) {
  const spec = IMPORT_FILES[format];
  return (
    <Stack gap="xs">
      <List size="sm" spacing={6} listStyleType="none" pl={0}>
        {spec.required.map((file) => (
          <List.Item key={file}>
            <Group gap={6} wrap="wrap">
              <Code>{file}</Code>
              <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                {spec.columns[file]?.join(', ')}
                {columnsOf(file, format).length > (spec.columns[file]?.length ?? 0) &&
                  `; optional: ${columnsOf(file, format)
                    .slice(spec.columns[file]?.length ?? 0)
                    .join(', ')}`}
              </Text>
              <Anchor component="button" type="button" size="sm" onClick={() => download(file, templateOf(file, format))}>
                Download template<VisuallyHidden> for {file}</VisuallyHidden>
              </Anchor>
            </Group>
          </List.Item>
        ))}
      </List>
    </Stack>
  );
}

function RecentImports({
  institution,
  onShow,
  currentId,
}: {
  institution: Institution;
  onShow: (id: string) => void;
  currentId: string | null;
}) {
  const imports = useQuery(importsQuery(institution.id));
  if (imports.isPending) return <Loading label="Loading recent imports" />;
  if (imports.isError) return <LoadError error={imports.error} title="Could not load recent imports" />;
  if (imports.data.length === 0)
    return (
      <Text size="sm" c="dimmed">
        No imports yet.
      </Text>
    );
  return (
    <Stack gap={0} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
      {imports.data.slice(0, 10).map((job) => (
        <li key={job.id}>
          <UnstyledButton
            onClick={() => onShow(job.id)}
            aria-current={job.id === currentId ? 'true' : undefined}
            w="100%"
            py="xs"
            style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}
          >
            <Group justify="space-between" gap="xs" wrap="nowrap">
              <Stack gap={0} miw={0}>
                <Text size="sm" fw={job.id === currentId ? 700 : 500}>
                  {formatLabel(job.format)} · {job.mode === 'dry_run' ? 'Check' : 'Import'}
                </Text>
                <Text size="xs" c="dimmed">
                  {formatRelative(job.createdAt)}
                  {job.report ? ` · ${job.report.rows} rows` : ''}
                </Text>
              </Stack>
              {statusBadge(job)}
            </Group>
          </UnstyledButton>
        </li>
      ))}
    </Stack>
  );
}

function Importer({ institution }: { institution: Institution }) {
  const queryClient = useQueryClient();
  const phone = usePhone();
  const [format, setFormat] = useState<ImportFormat>('students');
  const [picked, setPicked] = useState<Picked>(NOTHING);
  const [currentId, setCurrentId] = useState<string | null>(null);
  const current = useQuery({ ...importQuery(institution.id, currentId ?? ''), enabled: !!currentId });
  const job = current.data;
  const required = IMPORT_FILES[format].required;
  const missing = required.filter((file) => !(file in picked.texts));

  // The server pushes progress to the person who started the import; the poll is the fallback.
  useSocketEvent('imports:progress', (push) => {
    if (push.institutionId !== institution.id) return;
    queryClient.setQueryData<RosterImport>(rosterKeys.one(institution.id, push.importId), (before) =>
      before ? { ...before, status: push.status, progress: push.progress } : before,
    );
    if (push.status === 'succeeded' || push.status === 'failed') {
      void queryClient.invalidateQueries({ queryKey: rosterKeys.all(institution.id) });
      if (push.status === 'succeeded') void queryClient.invalidateQueries({ queryKey: peopleKeys.all(institution.id) });
    }
  });

  const start = useMutation({
    mutationFn: (mode: ImportMode) => client.imports.create(institution.id, { format, mode, files: picked.texts }),
    onSuccess: async (created) => {
      queryClient.setQueryData(rosterKeys.one(institution.id, created.id), created);
      setCurrentId(created.id);
      await queryClient.invalidateQueries({ queryKey: rosterKeys.list(institution.id) });
    },
  });

  async function pick(files: File[]) {
    start.reset();
    setCurrentId(null);
    setPicked(files.length ? await readFiles(format, files) : NOTHING);
  }

  function chooseFormat(next: ImportFormat) {
    setFormat(next);
    setPicked(NOTHING);
    setCurrentId(null);
    start.reset();
  }

  // The commit is offered for the files just checked, when the check found nothing to fix.
  const checkedClean =
    job && job.mode === 'dry_run' && job.format === format && job.status === 'succeeded' && job.report?.problemCount === 0;
  const running = !!job && !isFinished(job);
  const fileLabel = format === 'oneroster' ? 'Files' : 'File';
  const fileProps = {
    label: fileLabel,
    description: format === 'oneroster' ? `Pick all four: ${required.join(', ')}` : `A CSV file with a header row, used as ${required[0]}`,
    placeholder: format === 'oneroster' ? 'Choose CSV files' : 'Choose a CSV file',
    accept: '.csv,text/csv',
    clearable: true,
  };

  return (
    <Stack gap="lg">
      <Section id="import-what" title="What to import" hint={FORMATS.find((f) => f.value === format)?.description}>
        <Stack gap="md">
          <PickOne
            label="Format"
            data={FORMATS.map(({ value, label }) => ({ value, label }))}
            value={format}
            onChange={(value) => value && chooseFormat(value as ImportFormat)}
            maw={360}
          />
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              Files and columns
            </Text>
            <Templates format={format} />
          </Stack>
          {format === 'oneroster' ? (
            <FileInput multiple {...fileProps} value={picked.files} onChange={(files) => void pick(files)} />
          ) : (
            <FileInput {...fileProps} value={picked.files[0] ?? null} onChange={(file) => void pick(file ? [file] : [])} />
          )}
          {picked.ignored.length > 0 && (
            <Alert color="orange" variant="light">
              Not used: {picked.ignored.join(', ')}. OneRoster files must be named {required.join(', ')}.
            </Alert>
          )}
          <FormAlert message={start.isError ? errorMessage(start.error) : null} />
          <Group gap="sm">
            <Button
              variant={checkedClean ? 'default' : 'filled'}
              disabled={missing.length > 0 || running}
              loading={start.isPending && start.variables === 'dry_run'}
              onClick={() => start.mutate('dry_run')}
            >
              Check (dry run)
            </Button>
            {checkedClean && (
              <Button color="teal" loading={start.isPending && start.variables === 'commit'} onClick={() => start.mutate('commit')}>
                Import {job.report?.rows} {job.report?.rows === 1 ? 'row' : 'rows'}
              </Button>
            )}
          </Group>
          {missing.length > 0 && picked.files.length > 0 && (
            <Text size="sm" c="dimmed">
              Still needed: {missing.join(', ')}
            </Text>
          )}
        </Stack>
      </Section>
      {currentId && (
        <Section id="import-result" title={job?.mode === 'commit' ? 'Import' : 'Check'}>
          {current.isPending ? (
            <Loading label="Loading the import" />
          ) : current.isError ? (
            <LoadError error={current.error} title="Could not load this import" />
          ) : (
            <ImportReportView job={current.data} phone={phone} />
          )}
          {job?.mode === 'commit' && job.status === 'succeeded' && (
            <Anchor
              component={Link}
              to={`/institutions/${institution.id}/people/${job.format === 'staff' ? 'staff' : 'students'}`}
              size="sm"
              mt="md"
              display="inline-block"
            >
              See the {job.format === 'staff' ? 'staff' : 'students'}
            </Anchor>
          )}
        </Section>
      )}
      <Section id="import-recent" title="Recent imports" hint="Checks and imports started in this institution, newest first.">
        <RecentImports institution={institution} onShow={setCurrentId} currentId={currentId} />
      </Section>
    </Stack>
  );
}

export function ImportPage() {
  const institution = useInstitutionContext();
  usePageTitle(`Import · ${institution.name}`);
  const manager = canManage(institution.myRole);
  return (
    <Stack gap="md">
      <PageHeader
        title="Import"
        hint="Bring in students, staff and class lists from CSV files. A check reads every row and writes nothing; an import writes every row or none."
      />
      {manager ? (
        <Importer key={institution.id} institution={institution} />
      ) : (
        <Alert color="gray" variant="light">
          Only owners and admins can import records.
        </Alert>
      )}
    </Stack>
  );
}
