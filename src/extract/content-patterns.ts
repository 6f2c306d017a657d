/**
 * Name and text patterns the content extractor uses. Generic words only: nothing here may be
 * keyed to a particular site.
 */

/** class/id of blocks that are almost never the article (removed early unless OK_MAYBE matches). */
export const UNLIKELY =
  /(?:^|[\s_-])ads?(?:$|[\s_-])|-ad-|advert|ai2html|banner|breadcrumb|combx|comment|community|consent|cookie|cover-wrap|disqus|extra|footer|gdpr|header|legends|menu|newsletter|related|remark|replies|rss|share|sharing|shoutbox|sidebar|skyscraper|social|sponsor|subscribe|supplemental|ad-break|agegate|pagination|pager|popup|promo|signup|toolbar|widget|yom-remote|outbrain|taboola|modal|overlay|recirc|trending|most-popular|side[-_]?box|signature|(?:^|[\s_-])rail(?:$|[\s_-])/i;

/** class/id of blocks dropped whatever their size (comment threads can outweigh the article). */
export const STRONG_UNLIKELY = /comment|disqus|(?:^|[\s_-])repl(?:y|ies)|respond|discussion|taboola|outbrain|newsletter|cookie|consent/i;

/** class/id of a thread's posts, which are the content on a forum topic's or a question's page. */
export const THREAD_PARTS = /comment|(?:^|[\s_-])repl(?:y|ies)|discussion/i;

/**
 * class/id of customer reviews on a product's page ("product-reviews", "reviews_pane",
 * "jdgm-review-widget"): the shop's comments. A post's taxonomy class ("tag-reviews",
 * "category-reviews") is not one.
 */
export const REVIEWS = /(?:customer|product|user)[-_]?reviews?|(?:^|[\s_]|(?<!(?:^|\s)(?:tag|category))-)reviews(?:$|[\s_-])|review-widget/i;

/** Names that rescue an UNLIKELY match (e.g. "main-sidebar-content"?, "article-header"). */
export const OK_MAYBE = /and|article|body|column|content|main|mathjax|shadow|story|entry|post-?text/i;

/** class/id weights (Readability's lists, extended). */
export const NEGATIVE =
  /-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|footer|gdpr|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|widget|byline|author|dateline|newsletter|social|caption-credit/i;
export const POSITIVE = /article|body|content|entry|hentry|h-entry|main|page|pagination|post|text|blog|story/i;

export const UNLIKELY_ROLES = new Set(['menu', 'menubar', 'complementary', 'navigation', 'alert', 'alertdialog', 'dialog', 'banner', 'contentinfo', 'search']);

/**
 * A short line that is site chrome rather than article text: share prompts, ad labels,
 * "read more" links, subscription calls.
 */
const BOILERPLATE_LINE =
  /^(?:advertisement|advertising|sponsored(?: content)?|ad|ads|follow us(?: on)?|follow|share(?: this)?(?: article| story| post| on)?|tweet|email|print|comments?|loading\.*|read more|continue reading|see more|show more|click here|skip to (?:main )?content|(?:sign up|subscribe)(?: (?:to|for) (?:our|the) newsletter)?|related(?: articles| stories| posts)?|(?:share|follow) (?:on|via) \w+|back to top|scroll to top|story continues below(?: advertisement)?|article continues below|photo|image|video|listen|save|copy link|facebook|twitter|linkedin|whatsapp|pinterest|reddit|(?:previous|next) (?:article|post|story)|back to (?:overview|the list|top)|(?:weitere|mehr) (?:informationen|infos|themen)|more (?:information|topics)|kontakt|zurück(?: zu[mr]? [\p{L} -]{2,30})?|back to (?:overview|the list|top|news|newsroom|home)|teilen(?: sie dies mit)?|gefällt mir|liken|bewerten|wird geladen\.*|like this|share this|drucken|anzeige|werbung|partager|imprimer|publicité|compartir|imprimir|publicidad|condividi|stampa|pubblicità|compartilhar|partilhar|publicidade|anúncio|delen|afdrukken|advertentie|udostępnij|drukuj|reklama|sdílet|tisk|zdieľať|поделиться|реклама|поширити|paylaş|reklam|dela|skriv ut|annons|jaa|tulosta|mainos|megosztás|nyomtatás|hirdetés|distribuie|bagikan|iklan|chia sẻ|quảng cáo|κοινοποίηση|διαφήμιση|مشاركة|إعلان|שתף|פרסומת|공유|광고|인쇄|트윗|シェア|広告|ツイート|ブックマーク|メール|印刷|いいね|分享|广告|廣告|打印|列印|收藏|\[pr\])\s*:?$/iu;

/** A short "Category: …" / "Tags: …" line: the post's filing, not its text. */
const FILING_LINE =
  /^(?:categor(?:y|ies)|kategorien?|rubriken?|catégories?|categorías?|categorie|categorieën|tags?|schlagwörter|stichwörter|schlagworte|mots[- ]clés|etiquetas|filed under|posted in|etiketler|kategori(?:ler)?|tagi|taggar|štítky|címkék|etichete|trefwoorden|avainsanat|tunnisteet|метки|теги|рубрик[аи]|категори[яиї]|позначки|ετικέτες|κατηγορί[αε]ς?|thẻ|danh mục|الوسوم|التصنيف|תגיות|टैग|태그|タグ|标签|標籤|分类|分類)\s*[:：]/iu;

/**
 * A blog theme's footer line on the post: where and when it was filed and how to follow it
 * (WordPress's "This entry was posted in … Bookmark the permalink.", "Der Beitrag wurde am …
 * veröffentlicht und wurde unter … abgelegt"), or the post's short link labelled as its permalink.
 */
const ENTRY_FOOTER =
  /^(?:this entry was posted\b|this (?:entry|post) was (?:filed|tagged)\b|der beitrag wurde am\b|dieser (?:beitrag|eintrag) wurde (?:am|unter)\b|cet article a été publié\b|questa voce è stata pubblicata\b|esta entrada (?:fue publicada|se publicó)\b)/iu;
// Anywhere in the line, so without the `u` flag: searched at every position, a case-insensitive
// Unicode pattern cost ten times as much (1 % of extraction, every line of every page is asked).
const PERMALINK_PROMPT = /\b(?:bookmark the permalink|lesezeichen für den permalink|ajoutez? (?:le|ce) permalien)\b/i;
const PERMALINK_LINE = /^(?:permalink|permalien|enlace permanente|link permanente)\b\s*:?\s*(?:https?:\/\/\S+)?$/iu;

export function boilerplateLine(text: string): boolean {
  if (text.length <= 120 && FILING_LINE.test(text)) return true;
  if (text.length <= 400 && (ENTRY_FOOTER.test(text) || PERMALINK_PROMPT.test(text))) return true;
  if (text.length <= 100 && PERMALINK_LINE.test(text)) return true;
  return text.length <= 60 && BOILERPLATE_LINE.test(text.replace(/[\s\u00a0|•·›»>/]+$/g, '').replace(/^[\s\u00a0|•·›»>/]+/, '').trim());
}

/** Headings that open an end-of-article block of links or metadata. */
export const TRAILING_HEADING =
  /^(?:related(?: (?:articles|stories|posts|content|coverage|reading|links|topics))?|read (?:more|next|also)|more (?:from|on|in|stories|articles|news|like this)|you (?:may|might) (?:also )?(?:like|enjoy|be interested)|recommended(?: for you| stories| articles)?|(?:most )?popular(?: now| stories)?|most (?:read|viewed|shared)|trending(?: now)?|tags?|topics?|filed under|share this(?: article| story)?|about the author|comments?|leave a (?:comment|reply)|join the conversation|sign up|subscribe|newsletter|latest (?:news|stories|articles)|recent (?:posts|articles|stories|entries)|(?:recent|latest|more) (?:blogs|blog (?:posts|articles)|insights|guides)|what to read next|don't miss|keep reading|also read|see also|further reading|explore more|more to explore|discover more|more blog stories|want more stories|(?:você )?(?:também )?pode (?:também )?gostar|veja também|leia também|(?:artigos|posts|notícias|matérias) relacionad[oa]s|(?:también )?te puede interesar|lee también|(?:artículos|noticias|entradas) relacionad[oa]s|(?:à )?lire aussi|articles? (?:similaires|liés|connexes)|sur le même sujet|lesen sie auch|mehr zum thema|das könnte sie auch interessieren|ähnliche artikel|leggi anche|articoli correlati|(?:ti )?potrebbe (?:anche )?interessarti|auch interessant|ähnliche (?:beiträge|artikel|themen)|temas relacionados|ebenfalls interessant|das könnte (?:dich|euch) auch interessieren|weitere (?:artikel|beiträge|themen|news|nachrichten)|(?:mehr|weitere) aus (?:dem|der)|siehe auch|entdecke weitere|auch auf|(?:à|a) voir aussi|vous aimerez aussi|(?:dans|sur) le même thème|(?:noticias|artículos) (?:relacionad[oa]s|similares)|otras noticias|más noticias|gerelateerde artikelen|lees ook|czytaj (?:także|też)|zobacz (?:także|też)|читайте также|похожие (?:статьи|новости)|関連記事|相关文章|相關文章|[iİ]lgili (?:haberler|yazılar|içerikler)|bunlar da ilginizi çekebilir|relaterade artiklar|läs (?:också|även)|læs også|les også|relaterte artikler|relaterede artikler|související (?:články|zprávy)|čtěte (?:také|též)|súvisiace články|powiązane (?:artykuły|wpisy)|другие новости|читайте також|схожі статті|관련\s?기사|tin liên quan|bài viết liên quan|baca juga|(?:berita|artikel) terkait|مقالات ذات صلة|اقرأ أيضا|أخبار ذات صلة|kapcsolódó (?:cikkek|hírek)|articole similare|citește și|σχετικά άρθρα|διαβάστε (?:επίσης|ακόμη)|यह भी पढ़ें|संबंधित (?:खबरें|लेख)|مطالب مرتبط|بیشتر بخوانید|lue myös|aiheeseen liittyvät|あわせて読みたい|関連ニュース|延伸阅读|延伸閱讀|相关新闻|相關新聞|推荐阅读|推薦閱讀|כתבות נוספות|(?:també )?et pot interessar|notícies relacionades|(?:\d+\s+)?(?:kommentare?|commentaires?|comentarios?|comentários?|commenti|reacties|komentarze?|комментари[ийя]|коментарі|yorumlar|コメント|评论|評論|댓글|bình luận|komentar|kommentarer|kommentit|hozzászólások|σχόλια|תגובות|التعليقات|نظرات)|schreibe(?:n sie)? einen kommentar|laisser un commentaire|deja (?:un|tu) comentario|lascia un commento|deixe (?:um|seu) comentário|dodaj komentarz|оставить комментарий|yorum yap)[\s\S]{0,40}$/iu;
