/**
 * A Kazakh mobile number in E.164 (+77XXXXXXXXX), from what people type: «+7 (701) 234-56-78», «87012345678»,
 * «7012345678». Kazakhstan's mobile ranges all start with 7 after the country code; undefined for anything else.
 */
export function kazakhMobileNumber(input: string): string | undefined {
  const digits = input.replace(/[\s()\-.]/g, '');
  const national = /^(?:\+7|8|7)?(7\d{9})$/.exec(digits)?.[1];
  return national ? `+7${national}` : undefined;
}

/** «+7 701 ***-**-78»: enough for the person to recognise their number on a page or in a log. */
export function maskedPhone(phone: string): string {
  return `${phone.slice(0, 2)} ${phone.slice(2, 5)} ***-**-${phone.slice(-2)}`;
}
