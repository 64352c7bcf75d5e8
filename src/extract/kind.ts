/** What kind of message this is, from the words it uses. Subject words weigh more than body words. */
import type { Invite, Kind, Stage } from "./types";

interface Signal {
  kind: Kind;
  pattern: RegExp;
  weight: number;
}

// Each pattern is a plain alternation: linear on any input.
const SIGNALS: Signal[] = [
  {
    kind: "offer",
    pattern:
      /\b(offer(?:ing)? letter|job offer|offer of employment|pleased to offer|like to offer you|extend (?:an|the) offer|offer you the|surat penawaran|penawaran kerja|dinyatakan diterima|dinyatakan lolos|selamat bergabung|welcome (?:to|aboard) the team|letter of offer)\b/gi,
    weight: 4,
  },
  {
    kind: "rejection",
    pattern:
      /\b(regret to inform|not (?:be )?(?:moving|progressing|proceeding|taking) (?:forward|your application)|will not be progressing|decided (?:to|not to) (?:move|proceed|pursue) (?:forward )?with (?:other|another)|other candidates? whose|position has been filled|unsuccessful|not been selected|not selected|tidak dilanjutkan|tidak dapat melanjutkan|tidak bisa melanjutkan|belum sesuai|belum dapat melanjutkan|kandidat lain|tidak lolos|belum lolos|belum berhasil|mohon maaf,? (?:anda|kamu) belum)\b/gi,
    weight: 4,
  },
  {
    kind: "cancellation",
    pattern:
      /\b(dibatalkan|batalkan|pembatalan|membatalkan|cancel(?:l?ed|ling|lation)?|canceled:|tidak jadi dilaksanakan)\b/gi,
    weight: 3,
  },
  {
    kind: "reschedule",
    pattern:
      /\b(reschedul(?:e|ed|ing)|re-schedul(?:e|ed)|jadwal(?:kan)? ulang|dijadwalkan ulang|penjadwalan ulang|perubahan jadwal|jadwal baru|new (?:time|date|slot)|moved (?:your|the) (?:interview|call|meeting)|updated invitation|diundur|dimajukan|semula dijadwalkan|has been moved|instead of)\b/gi,
    weight: 3,
  },
  {
    kind: "deferral",
    pattern:
      /\b(belum dapat memberikan|belum bisa memberikan|belum ada keputusan|masih (?:dalam )?(?:proses|berlangsung|menunggu)|still reviewing|still (?:in the process|interviewing|evaluating|consolidating|collecting|gathering|finali[sz]ing)|no decision yet|(?:don't|do not) have (?:a|any) decision|not (?:yet )?(?:made|reached) a (?:final )?decision|delay in (?:our|the) (?:process|decision)|taking longer than|thank you for your patience|terima kasih atas kesabaran)\b/gi,
    weight: 3,
  },
  {
    kind: "assignment",
    pattern:
      /\b(take[- ]home|assignment|case study|study case|studi kasus|coding (?:challenge|test)|technical test|tes teknis|test brief|complete (?:a|the|our) (?:test|task|challenge|exercise)|online test|tes online|psikotes online|tes tertulis|tugas\w*|submission|submit (?:your|the)|kirimkan hasil|mengumpulkan|dikumpulkan|unggah hasil|assessment link|hackerrank|codility)\b/gi,
    weight: 3,
  },
  {
    kind: "confirmation",
    pattern:
      /\b(confirmed|is confirmed|interview confirmation|konfirmasi jadwal|kami konfirmasi|dikonfirmasi|mengonfirmasi|mengkonfirmasi|konfirmasi kembali|confirming your|we look forward to seeing you|see you (?:then|on|soon)|sampai jumpa|sampai bertemu)\b/gi,
    weight: 3,
  },
  {
    kind: "invitation",
    pattern:
      /\b(undangan|mengundang|diundang|invitation|invite you|would like to (?:schedule|invite|have)|like to set up|panggilan (?:interview|wawancara|tes)|schedule (?:a|an|your)|could you join|please join|(?:I|we)(?:'ve| have) (?:booked|scheduled)|lanjut ke tahap|apakah (?:anda|kamu|kakak) bisa|bersedia hadir)\b/gi,
    weight: 1.5,
  },
  {
    kind: "invitation",
    pattern: /\b(interview|wawancara|next round|tahap selanjutnya|chat with you)\b/gi,
    weight: 0.5,
  },
  {
    kind: "other",
    pattern:
      /\b(webinar|newsletter|job alert|jobs? you may (?:be interested|like)|lowongan (?:terbaru|rekomendasi|untukmu)|recommended jobs|we(?:'ve| have) received your application|lamaran (?:anda|kamu) (?:telah|sudah) (?:kami )?(?:terima|diterima|dilihat)|daftar sekarang|register now|kuota terbatas|pembicara)\b/gi,
    weight: 3,
  },
  {
    // Footers of platforms that also carry real invitations (LinkedIn messages): weak on their own.
    kind: "other",
    pattern: /\b(unsubscribe|berhenti berlangganan|manage (?:your )?notifications|atur notifikasi)\b/gi,
    weight: 0.5,
  },
];

const ORDER: Kind[] = [
  "cancellation",
  "offer",
  "rejection",
  "reschedule",
  "assignment",
  "deferral",
  "confirmation",
  "other",
  "invitation",
];

// All signals in one pass over the text: one scan instead of one per kind.
const ANY_SIGNAL = new RegExp(SIGNALS.map((s, i) => `(?<s${i}>${s.pattern.source})`).join("|"), "gi");

/** How often each signal occurs, by its index in SIGNALS. */
function countSignals(text: string): number[] {
  const counts = SIGNALS.map(() => 0);
  for (const m of text.matchAll(ANY_SIGNAL)) {
    const groups = m.groups ?? {};
    const i = SIGNALS.findIndex((_, k) => groups[`s${k}`] !== undefined);
    if (i >= 0) counts[i]++;
  }
  return counts;
}

/** "If you need to reschedule, ..." offers something; it does not say what this message is. */
function withoutConditionals(body: string): string {
  return body.replace(
    /(^|[.!?]\s|\n)\s*(?:if|should you|in case|jika|apabila|bila|kalau|seandainya)\b[^.!?\n]*/gi,
    "$1",
  );
}

export interface KindResult {
  kind: Kind;
  confidence: number;
}

/**
 * Picks the kind with the most weighted evidence; ties go to the more decisive kind (a cancellation mentions the
 * interview it cancels). A calendar CANCEL or an updated invitation decides on its own.
 */
export function classify(
  subject: string,
  body: string,
  invites: Invite[],
  hasInterviewDate: boolean,
): KindResult {
  if (invites.some((i) => i.method === "CANCEL" || i.status === "CANCELLED")) {
    return { kind: "cancellation", confidence: 0.95 };
  }
  const scores = new Map<Kind, number>();
  // A reply's subject repeats the thread's first message ("Re: Undangan Interview"): it says less about this one.
  const subjectWeight = /^\s*(?:re|aw|sv|antw|balas)\s*:/i.test(subject) ? 1 : 2;
  const inSubject = countSignals(subject);
  const inBody = countSignals(withoutConditionals(body));
  SIGNALS.forEach((s, i) => {
    const score = inSubject[i] * s.weight * subjectWeight + Math.min(inBody[i], 3) * s.weight;
    if (score > 0) scores.set(s.kind, (scores.get(s.kind) ?? 0) + score);
  });
  if (invites.some((i) => i.sequence > 0 && i.method === "REQUEST")) {
    scores.set("reschedule", (scores.get("reschedule") ?? 0) + 4);
  }
  if (invites.length > 0) scores.set("invitation", (scores.get("invitation") ?? 0) + 3);
  // Without a date to attend, talk of interviews is not an invitation.
  if (!hasInterviewDate && !invites.length) scores.delete("invitation");
  let best: Kind = "other";
  let bestScore = 0;
  let total = 0;
  for (const kind of ORDER) {
    const score = scores.get(kind) ?? 0;
    total += score;
    if (score > bestScore) {
      best = kind;
      bestScore = score;
    }
  }
  if (bestScore === 0) return { kind: "other", confidence: 0.4 };
  return { kind: best, confidence: Math.min(0.95, 0.5 + (bestScore / total) * 0.45) };
}

const STAGES: [Stage, RegExp][] = [
  ["final", /\b(final (?:round|interview|stage)|tahap akhir|interview akhir|final)\b/i],
  [
    "management",
    /\b(direksi|direktur|director|ceo|cto|coo|cfo|vp|vice president|management|manajemen|founder)\b/i,
  ],
  ["panel", /\b(panel)\b/i],
  ["technical", /\b(technical|teknis|coding|system design|pairing|live[- ]coding)\b/i],
  ["user", /\b(interview user|user interview|hiring manager|wawancara user|dengan user)\b/i],
  ["hr", /\b(hr interview|interview hr|wawancara hr|hrd|human resources|people team)\b/i],
  [
    "screening",
    /\b(screening|phone screen|intro(?:ductory)? call|quick chat|recruiter call|initial call)\b/i,
  ],
];

export function stageOf(text: string): Stage | null {
  for (const [stage, pattern] of STAGES) if (pattern.test(text)) return stage;
  return null;
}
