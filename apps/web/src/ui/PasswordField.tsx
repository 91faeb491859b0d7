import { PasswordInput, type PasswordInputProps } from '@mantine/core';

/**
 * Mantine names the show/hide toggle "Toggle password visibility"; that name would also
 * answer to a search for the "Password" label, so the toggle gets one of its own.
 */
export function PasswordField(props: PasswordInputProps) {
  return <PasswordInput visibilityToggleButtonProps={{ 'aria-label': 'Show characters' }} {...props} />;
}
