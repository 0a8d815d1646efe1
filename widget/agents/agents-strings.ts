/**
 * The agents panel's texts per language (in widget-agents.js only): its title, an agent's state,
 * when an away agent replies (`{time}` is the next opening in the visitor's clock, `{day}` its
 * weekday, both written by Intl in the language), and the line shown when nobody is online and
 * offline agents are hidden. Same languages as `STRINGS` in ../i18n.ts (a test checks it).
 */

/** One language's agents texts. */
export interface AgentsStrings {
  /** The panel's title. */
  title: string;
  /** An agent within business hours. */
  online: string;
  /** An agent outside business hours (`data-offline="open"`). */
  away: string;
  /** Replies later today. */
  today: string;
  /** Replies tomorrow. */
  tomorrow: string;
  /** Replies on `{day}`. */
  later: string;
  /** Nobody online, and the offline agents are hidden (`data-offline="hide"`). */
  nobody: string;
}

/** Keyed by the languages of ../i18n.ts. */
export const AGENTS_STRINGS: Readonly<Record<string, AgentsStrings>> = {
  en: {
    title: "Chat with our team",
    online: "Online",
    away: "Away",
    today: "Replies from {time}",
    tomorrow: "Replies tomorrow from {time}",
    later: "Replies {day} from {time}",
    nobody: "Nobody is online right now.",
  },
  ru: {
    title: "Напишите нашей команде",
    online: "В сети",
    away: "Не в сети",
    today: "Ответит с {time}",
    tomorrow: "Ответит завтра с {time}",
    later: "Ответит: {day}, с {time}",
    nobody: "Сейчас никого нет на связи.",
  },
  zh: {
    title: "联系我们的团队",
    online: "在线",
    away: "离开",
    today: "{time} 起回复",
    tomorrow: "明天 {time} 起回复",
    later: "{day} {time} 起回复",
    nobody: "目前无人在线。",
  },
  es: {
    title: "Habla con nuestro equipo",
    online: "En línea",
    away: "Ausente",
    today: "Responde desde las {time}",
    tomorrow: "Responde mañana desde las {time}",
    later: "Responde el {day} desde las {time}",
    nobody: "Ahora no hay nadie en línea.",
  },
  pt: {
    title: "Fale com nossa equipe",
    online: "Online",
    away: "Ausente",
    today: "Responde a partir das {time}",
    tomorrow: "Responde amanhã a partir das {time}",
    later: "Responde {day} a partir das {time}",
    nobody: "Ninguém está online agora.",
  },
  ar: {
    title: "تواصل مع فريقنا",
    online: "متصل",
    away: "غير متصل",
    today: "يرد ابتداءً من {time}",
    tomorrow: "يرد غدًا ابتداءً من {time}",
    later: "يرد يوم {day} ابتداءً من {time}",
    nobody: "لا أحد متصل الآن.",
  },
  id: {
    title: "Hubungi tim kami",
    online: "Online",
    away: "Sedang tidak ada",
    today: "Membalas mulai {time}",
    tomorrow: "Membalas besok mulai {time}",
    later: "Membalas hari {day} mulai {time}",
    nobody: "Saat ini tidak ada yang online.",
  },
  fr: {
    title: "Écrivez à notre équipe",
    online: "En ligne",
    away: "Absent",
    today: "Répond à partir de {time}",
    tomorrow: "Répond demain à partir de {time}",
    later: "Répond {day} à partir de {time}",
    nobody: "Personne n'est en ligne pour le moment.",
  },
  de: {
    title: "Schreiben Sie unserem Team",
    online: "Online",
    away: "Abwesend",
    today: "Antwortet ab {time}",
    tomorrow: "Antwortet morgen ab {time}",
    later: "Antwortet am {day} ab {time}",
    nobody: "Gerade ist niemand online.",
  },
};

/** The texts for a supported language (English when unknown). */
export function agentsStrings(lang: string): AgentsStrings {
  return AGENTS_STRINGS[lang] ?? (AGENTS_STRINGS.en as AgentsStrings);
}
