/** Portkey's error envelope and codes (reference §1 "Errors"). */
export interface PortkeyErrorBody {
  success: false;
  data: { message: string; errorCode: string };
}

const CODE_BY_STATUS: Record<number, string> = {
  400: 'AB01',
  401: 'AB05',
  402: 'AB09',
  403: 'AB03',
  404: 'AB08',
  409: 'AB07',
  429: 'AB06',
};

export function portkeyCode(status: number): string {
  return CODE_BY_STATUS[status] ?? (status >= 500 ? 'AB04' : 'AB01');
}

export function portkeyError(message: string, errorCode: string): PortkeyErrorBody {
  return { success: false, data: { message, errorCode } };
}
