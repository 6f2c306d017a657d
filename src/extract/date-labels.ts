// The words pages write before a date to say which date it is: the update ("Updated", "Mis à jour
// le", "수정") or the first publication ("Published", "Veröffentlicht", "입력"), in the 20 most used
// languages of the web and a few more; or that it is a person's or body's, not the page's
// ("Joined", "Registered" in a forum post's author box). Generic by language, never by site.

const UPDATED =
  'updated|last updated|modified|edited|revised|aktualisiert|geändert|mis à jour|modifié|actualizado|actualizada|modificado|' +
  'aggiornato|aggiornata|modificato|atualizado|atualizada|bijgewerkt|gewijzigd|zaktualizowano|aktualizacja|aktualizováno|' +
  'upraveno|обновлено|обновлен|изменено|оновлено|güncellendi|güncelleme|uppdaterad|opdateret|oppdatert|päivitetty|' +
  'frissítve|módosítva|actualizat|diperbarui|cập nhật|更新|수정|업데이트|تم التحديث|آخر تحديث|تحديث|به‌روزرسانی|بروزرسانی|' +
  'עודכן|ενημερώθηκε|ενημέρωση|actualitzat|actualitzada|atnaujinta|atjaunināts|posodobljeno|uuendatud|обновено|актуализирано|' +
  'ажурирано|ažurirano|aktualizované|dikemas kini|अपडेट|अद्यतन|อัปเดต';
const PUBLISHED =
  'published|first published|posted|veröffentlicht|erschienen|publiziert|publié|publicado|publicada|pubblicato|pubblicata|' +
  'gepubliceerd|geplaatst|opublikowano|publikacja|publikováno|zveřejněno|опубликовано|опубліковано|yayınlanma|yayınlandı|publicerad|' +
  'udgivet|publisert|julkaistu|megjelent|közzétéve|publicat|diterbitkan|dipublikasikan|đăng|发布|發布|发表|公開|掲載|입력|게시|' +
  'نشر|منتشر|פורסם|δημοσιεύθηκε|δημοσίευση|paskelbta|publicēts|objavljeno|објављено|avaldatud|публикувано|publikované|' +
  'zverejnené|प्रकाशित|เผยแพร่|شائع';

// When a member joined: never the date of the page it is shown on.
const JOINED =
  'joined|join date|registered|member since|registriert|mitglied seit|beigetreten|inscrit|inscrit le|membre depuis|' +
  'registrado|miembro desde|se unió|iscritto|registrato|membro dal|lid sinds|geregistreerd|dołączył|zarejestrowany|' +
  'зарегистрирован|регистрация|дата регистрации|katılım|üyelik tarihi|注册时间|登録日|가입일';
// Or when a body was founded. Kept apart from JOINED: a list of companies repeats "Founded" on
// every line, which says nothing of a forum's member cards (content-post-chrome.ts).
const MEMBER = `${JOINED}|founded`;

/** One of `words` (alternatives) as a whole word. */
const anyWord = (words: string): RegExp => new RegExp(`(?<![\\p{L}])(?:${words})(?![\\p{L}])`, 'iu');
const MEMBER_RE = anyWord(MEMBER);
const OPENS_WITH_JOINED = new RegExp(`^[\\s\\p{P}]*(?:${JOINED})(?![\\p{L}])`, 'iu');
const UPDATED_RE = anyWord(UPDATED);
const PUBLISHED_RE = anyWord(PUBLISHED);
const LABEL = new RegExp(`(?<![\\p{L}])(?:(${UPDATED})|(${PUBLISHED}))(?![\\p{L}])`, 'giu');

/** A text's words before its first digit: the label a date may carry inside its own line ("Updated March 4, 2024"). */
export function leadingLabel(text: string | null): string {
  if (!text) return '';
  const digit = text.search(/\p{Nd}/u);
  return digit < 0 ? '' : text.slice(0, digit);
}

/** True when `label` (the text just before a date) says it is the update's. */
export function saysUpdated(label: string): boolean {
  return UPDATED_RE.test(label);
}

/** True when `label` (the text just before a date) says it is the publication's. */
export function saysPublished(label: string): boolean {
  return PUBLISHED_RE.test(label);
}

/** True when `label` (a date's own text or the text just before it) says it is when someone joined. */
export function saysMember(label: string): boolean {
  return MEMBER_RE.test(label);
}

/** True when a line opens with the words that say when a member joined ("Joined: …", "Mitglied seit …"). */
export function opensWithJoined(line: string): boolean {
  return OPENS_WITH_JOINED.test(line);
}

/**
 * `text` without the parts labelled as the update ("Updated 14 Feb 2024, first published 12 Feb
 * 2024" → "…first published 12 Feb 2024"): each label runs to the next one. Null when only the
 * update's part holds digits (the text dates the update, not the publication); `text` itself when
 * it names no update.
 */
export function withoutUpdate(text: string): string | null {
  if (!UPDATED_RE.test(text)) return text;
  let kept = '';
  let last = 0;
  let dropping = false;
  LABEL.lastIndex = 0;
  for (let m = LABEL.exec(text); m; m = LABEL.exec(text)) {
    if (!dropping) kept += text.slice(last, m.index);
    dropping = m[1] !== undefined;
    last = m.index;
  }
  if (!dropping) kept += text.slice(last);
  return /\p{Nd}/u.test(kept) ? kept : null;
}
