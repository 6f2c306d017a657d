// Month names (full, genitive and common abbreviations, Latin, Cyrillic, Greek, Arabic, Hebrew,
// Thai, Devanagari, Bengali, Gujarati, Tamil, Telugu, Kannada and Malayalam scripts) for languages
// whose dates chrono cannot read in every form.
// Generic by language, never by site. Keys are lowercase, without a final dot; Greek ones without
// accents; looked up in Unicode NFC (Bengali's য় is one code point in some texts, য + ় in others).

const TABLE: Record<number, string> = {
  1: 'يناير ژانویه january jan januar jänner jaenner janvier janv enero ene gennaio gen janeiro januari ocak styczeń stycznia styczen ' +
    'январь января янв січень січня січ ledna leden ianuarie ian január tammikuuta' +
    ' ιανουαριου ιανουαριος ιαν มกราคม ม.ค ינואר בינואר januára janar janarit siječnja siječanj जनवरी জানুয়ারি জানুয়ারী' +
    ' gener sausio sausis jaanuar جنوری ஜனவரி జనవరి जानेवारी જાન્યુઆરી ജനുവരി ಜನವರಿ janvāris janvārī janvāra',
  2: 'فبراير شباط فوریه february feb febr februar février fevrier févr fevr fév febrero febbraio fevereiro fev februari şubat subat luty lutego ' +
    'февраль февраля фев февр лютий лютого лют února unor februarie feb február helmikuuta' +
    ' φεβρουαριου φεβρουαριος φεβ กุมภาพันธ์ ก.พ פברואר בפברואר februára shkurt shkurtit veljače veljača फ़रवरी फरवरी ফেব্রুয়ারি ফেব্রুয়ারী' +
    ' febrer vasario vasaris veebruar فروری pebrero பிப்ரவரி ఫిబ్రవరి फेब्रुवारी ફેબ્રુઆરી ഫെബ്രുവരി ಫೆಬ್ರವರಿ februāris februārī februāra',
  3: 'مارس آذار march mar märz maerz mär mrz mars marzo março marco maart mrt mart marzec marca ' +
    'март марта мар березень березня бер března brezna martie március maaliskuuta maret' +
    ' μαρτιου μαρτιος μαρ มีนาคม มี.ค מרץ במרץ מרס במרס marts ožujka ožujak mac मार्च মার্চ' +
    ' març kovo kovas marec märts márc مارچ marso மார்ச் మార్చి માર્ચ മാർച്ച് ಮಾರ್ಚ್ marts martā marta',
  4: 'أبريل ابريل إبريل نيسان آوریل april apr avril avr abril abr aprile apr abril nisan kwiecień kwietnia kwiecien ' +
    'апрель апреля апр квітень квітня квіт dubna duben aprilie április huhtikuuta' +
    ' απριλιου απριλιος απρ เมษายน เม.ย אפריל באפריל apríla prill prillit travnja travanj अप्रैल এপ্রিল' +
    ' balandžio balandis aprill ápr اپریل ஏப்ரல் ఏప్రిల్ एप्रिल એપ્રિલ ഏപ്രിൽ ಏಪ್ರಿಲ್ aprīlis aprīlī aprīļa',
  5: 'مايو أيار ماي مه may mai mayo maggio mag maio mei mayıs mayis maj maja ' +
    'май мая травень травня трав května kvetna máj május toukokuuta' +
    ' μαιου μαιος μαι พฤษภาคม พ.ค מאי במאי mája majit svibnja svibanj मई মে' +
    ' maig gegužės gegužė مئی மே మే मे મે മേയ് ಮೇ maijs maijā maija',
  6: 'يونيو حزيران يونيه ژوئن june jun juni juin junio giugno giu junho juin haziran czerwiec czerwca ' +
    'июнь июня июн червень червня черв června cervna iunie június kesäkuuta' +
    ' ιουνιου ιουνιος ιουν มิถุนายน มิ.ย יוני ביוני júna qershor qershorit lipnja lipanj जून জুন' +
    ' juny birželio birželis junij junija juuni jún جون hunyo ஜூன் జూన్ જૂન ജൂൺ ಜೂನ್ jūnijs jūnijā jūnija',
  7: 'يوليو تموز يوليه ژوئیه july jul juli juillet juil julio luglio lug julho temmuz lipiec lipca ' +
    'июль июля июл липень липня лип července cervence iulie július heinäkuuta' +
    ' ιουλιου ιουλιος ιουλ กรกฎาคม ก.ค יולי ביולי júla korrik korrikut srpnja srpanj julai जुलाई জুলাই' +
    ' juliol liepos liepa julij julija juuli júl جولائی hulyo ஜூலை జూలై जुलै જુલાઈ ജൂലൈ ಜುಲೈ jūlijs jūlijā jūlija',
  8: 'أغسطس اغسطس آب اوت august aug août aout agosto ago augustus agustus ağustos agustos sierpień sierpnia sierpien ' +
    'август августа авг серпень серпня серп srpna srpen augusztus elokuuta' +
    ' αυγουστου αυγουστος αυγ สิงหาคม ส.ค אוגוסט באוגוסט augusta gusht gushtit kolovoza kolovoz avgust avgusta ogos अगस्त আগস্ট আগষ্ট' +
    ' agost rugpjūčio rugpjūtis اگست ஆகஸ்ட் ఆగస్టు ऑगस्ट ઓગસ્ટ ഓഗസ്റ്റ് ಆಗಸ್ಟ್ augusts augustā augusta',
  9: 'سبتمبر أيلول سپتامبر september sep sept septembre settembre set septiembre setiembre setembro eylül eylul wrzesień września wrzesien wrzesnia ' +
    'сентябрь сентября сен сент вересень вересня вер září zari septembrie szeptember syyskuuta' +
    ' σεπτεμβριου σεπτεμβριος σεπ σεπτ กันยายน ก.ย ספטמבר בספטמבר septembra shtator shtatorit rujna rujan septembar सितंबर सितम्बर সেপ্টেম্বর' +
    ' setembre rugsėjo rugsėjis szept ستمبر setyembre செப்டம்பர் సెప్టెంబర్ सप्टेंबर સપ્ટેમ્બર സെപ്റ്റംബർ ಸೆಪ್ಟೆಂಬರ್ septembris septembrī septembra',
  10: 'أكتوبر اكتوبر اکتبر october oct oktober okt octobre octubre ottobre ott outubro out ekim październik października pazdziernik pazdziernika ' +
    'октябрь октября окт жовтень жовтня жовт října rijna octombrie október lokakuuta' +
    ' οκτωβριου οκτωβριος οκτ ตุลาคม ต.ค אוקטובר באוקטובר októbra tetor tetorit oktobar oktobra अक्टूबर अक्तूबर অক্টোবর' +
    ' spalio spalis oktoober اکتوبر oktubre அக்டோபர் అక్టోబర్ ऑक्टोबर ઓક્ટોબર ഒക്ടോബർ ಅಕ್ಟೋಬರ್ oktobris oktobrī oktobra',
  11: 'نوفمبر نوامبر november nov novembre noviembre novembro kasım kasim listopad listopada ' +
    'ноябрь ноября ноя нояб листопад листопада лист listopadu noiembrie marraskuuta' +
    ' νοεμβριου νοεμβριος νοε พฤศจิกายน พ.ย נובמבר בנובמבר novembra nëntor nëntorit nentor studenoga studeni novembar नवंबर नवम्बर নভেম্বর' +
    ' lapkričio lapkritis نومبر nobyembre நவம்பர் నవంబర్ नोव्हेंबर નવેમ્બર നവംബർ ನವೆಂಬರ್ novembris novembrī novembra',
  12: 'ديسمبر دسامبر december dec dezember dez décembre decembre déc diciembre dic dicembre dezembro aralık aralik grudzień grudnia grudzien ' +
    'декабрь декабря дек грудень грудня груд prosince prosinec decembrie december joulukuuta desember' +
    ' δεκεμβριου δεκεμβριος δεκ ธันวาคม ธ.ค דצמבר בדצמבר decembra dhjetor dhjetorit prosinca decembar disember दिसंबर दिसम्बर ডিসেম্বর' +
    ' desembre gruodžio gruodis detsember دسمبر disyembre டிசம்பர் డిసెంబర్ डिसेंबर ડિસેમ્બર ഡിസംബർ ಡಿಸೆಂಬರ್ decembris decembrī decembra',
};

export const MONTHS: ReadonlyMap<string, number> = (() => {
  const map = new Map<string, number>();
  for (const [month, names] of Object.entries(TABLE)) {
    for (const name of names.split(' ')) if (name) map.set(name.normalize('NFC'), Number(month));
  }
  return map;
})();

/** Common zone abbreviations → minutes east of UTC (unambiguous ones only). */
export const ZONE_ABBREVIATIONS: Readonly<Record<string, number>> = {
  UTC: 0, GMT: 0, UT: 0, Z: 0, WET: 0, WEST: 60, BST: 60, CET: 60, CEST: 120, MEZ: 60, MESZ: 120,
  EET: 120, EEST: 180, MSK: 180, EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360,
  PST: -480, PDT: -420, AKST: -540, AKDT: -480, HST: -600, JST: 540, KST: 540, AEST: 600, AEDT: 660,
  ACST: 570, AWST: 480, NZST: 720, NZDT: 780,
  // South and South-East Asia, Africa, Iran: "14:05 IST" on Indian news sites is India's (Irish and
  // Israeli pages rarely write it).
  IST: 330, PKT: 300, NPT: 345, SGT: 480, HKT: 480, MYT: 480, PHT: 480, WIB: 420, WITA: 480, WIT: 540,
  ICT: 420, WAT: 60, CAT: 120, EAT: 180, SAST: 120, IRST: 210,
};

/** North American zones written without saying summer or winter ("2:05 PM ET"): their region. */
export const ZONE_REGIONS: Readonly<Record<string, string>> = {
  ET: 'America/New_York', CT: 'America/Chicago', MT: 'America/Denver', PT: 'America/Los_Angeles',
};
