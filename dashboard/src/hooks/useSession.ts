import { useCallback, useEffect, useState } from 'react';
import * as api from '../api';
import { authListeners } from '../api';
import type { Me } from '../types';

/**
 * Who is signed in and what they may do, asked again whenever the key changes; and the sign-in box's reason, set
 * when the gateway answers 401.
 */
export function useSession(report: (e: unknown, doing?: string) => void) {
  const [me, setMe] = useState<Me | null>(null);
  const [signIn, setSignIn] = useState<string | null>(null);
  const [keyVersion, setKeyVersion] = useState(0);

  useEffect(() => {
    authListeners.onUnauthorized = () => setSignIn('The gateway asks for an API key.');
  }, []);

  useEffect(() => {
    let cancelled = false;
    api
      .me()
      .then((who) => !cancelled && setMe(who))
      .catch((e) => !cancelled && report(e, 'Could not check who is signed in'));
    return () => {
      cancelled = true;
    };
  }, [keyVersion, report]);

  /** Use this key from now on (null: none), and ask again who that is. */
  const signInWith = useCallback((key: string | null) => {
    api.setApiKey(key);
    setSignIn(null);
    setMe(null);
    setKeyVersion((v) => v + 1);
  }, []);
  const can = useCallback((permission: string) => !!me?.permissions.includes(permission), [me]);
  return { me, can, signIn, setSignIn, signInWith };
}
