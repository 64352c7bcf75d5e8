import { unwrapForward, parseHeaderDate } from "../src/extract/forward";
const cases: [string, string, string | null][] = [
  ["gmail id", "Tolong dicek ya.\n\n---------- Forwarded message ---------\nDari: Budi Santoso <budi.santoso@majujaya.co.id>\nDate: Sen, 17 Nov 2025 pukul 09.00\nSubject: Undangan Interview - Staff Admin\nTo: <rina.candidate@gmail.com>\n\n\nDengan hormat,\nKami mengundang Anda.\n", "Fwd: Undangan Interview - Staff Admin"],
  ["gmail id full", "---------- Forwarded message ---------\nDari: Budi Santoso <budi.santoso@majujaya.co.id>\nTanggal: Sen, 17 Nov 2025 pukul 09.00\nSubjek: Undangan Interview\nKepada: Rina <rina.candidate@gmail.com>\nCc: HR <hr@majujaya.co.id>\n\nIsi\n", "Fwd: Undangan Interview"],
  ["outlook web id", "Sekadar meneruskan.\n\n________________________________\nDari: Rekrutmen PT Kopi Senja <recruitment@kopisenja.co.id>\nDikirim: Kamis, 11 Desember 2025 11.05\nKepada: Rina Wulandari <rina.candidate@gmail.com>\nCc: Andreas Siregar <andreas@kopisenja.co.id>\nSubjek: Undangan Wawancara\n\nDengan hormat,\n", "FW: Undangan Wawancara"],
  ["outlook desktop id", "-----Pesan Asli-----\nDari: Siti Rahma <siti@abc.co.id> \nDikirim: Senin, 17 November 2025 9:00\nKepada: rina.candidate@gmail.com\nPerihal: Jadwal Psikotes\n\nHalo\n", "TRS: Jadwal Psikotes"],
  ["thunderbird id", "\n\n-------- Pesan Diteruskan --------\nSubjek: \tUndangan Interview User\nTanggal: \tMon, 17 Nov 2025 09:00:00 +0700\nDari: \tDewi Lestari <dewi@nusantara.id>\nKepada: \trina.candidate@gmail.com\n\n\n\nSelamat pagi\n", "Fwd: Undangan Interview User"],
  ["apple id", "> Awal pesan yang diteruskan:\n> \n> Dari: Dewi Lestari <dewi@nusantara.id>\n> Subjek: Undangan Interview User\n> Tanggal: 17 November 2025 pukul 09.00.00 WIB\n> Kepada: Rina <rina.candidate@icloud.com>\n> \n> Selamat pagi Rina,\n> Kami mengundang.\n", "Fwd: Undangan Interview User"],
  ["yahoo id", "   ----- Pesan yang Diteruskan ----- Dari: Dewi Lestari <dewi@nusantara.id>Kepada: \"rina.candidate@yahoo.com\" <rina.candidate@yahoo.com>Dikirim: Senin, 17 November 2025 09.00.00 WIBSubjek: Undangan Interview User\n Selamat pagi\n", "Fwd: Undangan Interview User"],
  ["outlook2019 id", "\uFEFFPada 17/11/25 09.00, \"Budi Santoso\" <budi.santoso@majujaya.co.id> menulis:\r\n\r\n    Dengan hormat,\r\n    Kami mengundang Anda.\r\n", "FW: Undangan Interview"],
  ["reply id re", "Baik, saya hadir.\n\n________________________________\nDari: HR <hr@x.co.id>\nDikirim: Senin, 17 November 2025 09.00\nKepada: rina@gmail.com\nSubjek: Undangan\n\nHalo", "RE: Undangan"],
  ["reply id balas", "Baik.\n\n-----Pesan Asli-----\nDari: HR <hr@x.co.id>\nDikirim: Senin\nKepada: rina@gmail.com\nSubjek: Undangan\n", "Balas: Undangan"],
  ["reply gmail id neutral", "Baik, saya hadir.\n\nPada tanggal Sen, 17 Nov 2025 pukul 09.00 Budi Santoso <budi@x.co.id>\nmenulis:\n\n> Halo Rina\n> ---------- Forwarded message ---------\n> Dari: X <x@y.z>\n> Date: Sen\n", "Undangan"],
  ["letter neutral", "Kepada Yth. Sdr. Budi\nDari: HRD PT ABC\nTanggal: Senin, 24 November 2025\nWaktu: 10.00 WIB\n", "Undangan Interview"],
  ["letter fwd-subject", "Kepada Yth. Sdr. Budi\n\nDari: HRD PT ABC\nTanggal: Senin, 24 November 2025\nWaktu: 10.00 WIB\n", "Fwd: Undangan Interview"],
];
for (const [name, text, subject] of cases) {
  const r = unwrapForward(text, subject);
  console.log(name.padEnd(24), r ? JSON.stringify({ from: r.from, to: r.to, cc: r.cc, subject: r.subject, dateText: r.dateText, date: r.date, body: r.body.slice(0, 40), note: r.note }) : null);
}
