/** GSM 03.38 default alphabet (one septet each) and its extension table (escape + char: two). */
export const GSM_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' + '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
export const GSM_EXTENSION = new Set('\f^{}\\[~]|€');

export const isGsmCharacter = (char: string): boolean => GSM_BASIC.has(char) || GSM_EXTENSION.has(char);
