// Mirrors the server's rules so most mistakes are caught before a round trip; the server stays the authority.
export const MIN_PASSWORD = 10;

export const validateEmail = (value: string) => (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim()) ? null : 'Enter a valid email address');

export const validateNewPassword = (value: string) => (value.length >= MIN_PASSWORD ? null : `Use at least ${MIN_PASSWORD} characters`);

export const validateRequired = (label: string) => (value: string) => (value.trim() ? null : `${label} is required`);
