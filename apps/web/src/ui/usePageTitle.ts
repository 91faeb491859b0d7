import { useEffect } from 'react';

export const APP_NAME = 'EDU Matrix Interlinked';

export function usePageTitle(title: string | null | undefined) {
  useEffect(() => {
    document.title = title ? `${title} · ${APP_NAME}` : APP_NAME;
  }, [title]);
}
