import { Alert, Button, Code, CopyButton, Group, Stack, Text } from '@mantine/core';
import { useEffect, useRef } from 'react';

type Props = { title: string; secret: string; onDismiss?: () => void };

/** The server shows a signing secret once, so this says so loudly and makes copying it one click. */
export function SecretReveal({ title, secret, onDismiss }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  // Focus brings it into view and has screen readers read it out.
  useEffect(() => ref.current?.focus(), []);
  return (
    <Alert ref={ref} tabIndex={-1} color="orange" variant="light" title={title}>
      <Stack gap="sm">
        <Text size="sm">
          Copy this signing secret now and store it with your receiver. It will not be shown again; if you lose it, rotate the secret.
        </Text>
        <Code block style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }} data-secret>
          {secret}
        </Code>
        <Group gap="xs">
          <CopyButton value={secret} timeout={2000}>
            {({ copied, copy }) => (
              <Button size="xs" color={copied ? 'teal' : 'orange'} onClick={copy}>
                {copied ? 'Copied' : 'Copy secret'}
              </Button>
            )}
          </CopyButton>
          {onDismiss && (
            <Button size="xs" variant="default" onClick={onDismiss}>
              I have stored it
            </Button>
          )}
        </Group>
      </Stack>
    </Alert>
  );
}
