import { describe, expect, it } from 'vitest';
import { authHeaders } from './api';

describe('credentials', () => {
  it('sends an API key as X-API-Key and a JWT as a bearer token', () => {
    expect(authHeaders(null)).toEqual({});
    expect(authHeaders('sb_live_0123456789')).toEqual({ 'X-API-Key': 'sb_live_0123456789' });
    expect(authHeaders('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJvcHMifQ.c2lnbmF0dXJl')).toEqual({
      Authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJvcHMifQ.c2lnbmF0dXJl',
    });
  });
});
