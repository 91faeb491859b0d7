// The report card: one student's term on A4, drawn with pdf-lib's standard Helvetica (no font
// files to ship). Helvetica covers Latin-1 only, so other letters fall back to their base letter.
import type { StudentGrades } from '@edumatrix/contracts';
import { PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from 'pdf-lib';

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 50;
const GREY = rgb(0.4, 0.4, 0.45);
const LINE = rgb(0.85, 0.85, 0.88);

// Letters that carry no separable accent, so NFKD leaves them as they are.
const BASE_LETTERS: Record<string, string> = { Ł: 'L', ł: 'l', Đ: 'D', đ: 'd', Ħ: 'H', ħ: 'h', ı: 'i', Ŧ: 'T', ŧ: 't' };

/** What Helvetica can draw: accents stripped where needed, anything else as '?'. */
export function drawable(font: PDFFont, text: string): string {
  let out = '';
  for (const ch of text) {
    const candidates = [ch, BASE_LETTERS[ch] ?? ch.normalize('NFKD').replace(/\p{M}/gu, ''), '?'];
    out += candidates.find((c) => {
      try {
        font.encodeText(c);
        return c.length > 0;
      } catch {
        return false;
      }
    });
  }
  return out;
}

const percentText = (p: number | null) => (p === null ? '–' : `${p.toFixed(1)} %`);
const markText = (m: StudentGrades['subjects'][number]['assessments'][number]) =>
  !m.mark ? 'not marked' : m.mark.excused ? 'excused' : `${m.mark.points} / ${m.maxPoints}`;

export async function renderReportCard(grades: StudentGrades, institutionName: string, issuedOn: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(`Report card – ${grades.student.name} – ${grades.term.name} ${grades.term.academicYear}`);
  doc.setAuthor(institutionName);
  doc.setCreator('EDU Matrix Interlinked');
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);

  let page: PDFPage = doc.addPage(A4);
  let y = A4[1] - MARGIN;
  const write = (text: string, x: number, options: { size?: number; font?: PDFFont; color?: ReturnType<typeof rgb> } = {}) => {
    const font = options.font ?? regular;
    page.drawText(drawable(font, text), { x, y, size: options.size ?? 10, font, color: options.color ?? rgb(0.1, 0.1, 0.12) });
  };
  const rule = () => page.drawLine({ start: { x: MARGIN, y: y - 4 }, end: { x: A4[0] - MARGIN, y: y - 4 }, thickness: 0.5, color: LINE });
  const room = (needed: number) => {
    if (y - needed > MARGIN) return;
    page = doc.addPage(A4);
    y = A4[1] - MARGIN;
  };

  write(institutionName, MARGIN, { size: 11, color: GREY });
  y -= 26;
  write('Report card', MARGIN, { size: 22, font: bold });
  y -= 24;
  write(`${grades.student.name}  ·  student no. ${grades.student.studentNumber}`, MARGIN, { size: 12 });
  y -= 16;
  write(`${grades.term.name}, ${grades.term.academicYear}  (${grades.term.startsOn} to ${grades.term.endsOn})`, MARGIN, { color: GREY });
  y -= 30;

  const columns = [MARGIN, MARGIN + 190, MARGIN + 330, MARGIN + 420];
  for (const [i, heading] of ['Subject', 'Class', 'Term result', 'Grade'].entries()) write(heading, columns[i] as number, { font: bold });
  rule();
  y -= 18;
  if (!grades.subjects.length) {
    write('No assessments in this term yet.', MARGIN, { color: GREY });
    y -= 18;
  }
  for (const s of grades.subjects) {
    room(18 + s.assessments.length * 13);
    write(s.subjectName, columns[0] as number, { font: bold });
    write(s.className, columns[1] as number);
    write(percentText(s.term.percent), columns[2] as number);
    write(s.term.band ?? '–', columns[3] as number, { font: bold });
    y -= 14;
    for (const a of s.assessments) {
      write(`${a.title} (${a.kind}, weight ${a.weight})`, MARGIN + 12, { size: 8.5, color: GREY });
      write(markText(a), columns[2] as number, { size: 8.5, color: GREY });
      y -= 12;
    }
    rule();
    y -= 16;
  }

  room(60);
  y -= 6;
  if (grades.gpa !== null) {
    write(`Grade point average: ${grades.gpa.toFixed(2)}`, MARGIN, { size: 11, font: bold });
    y -= 16;
  }
  write(
    `Attendance this term: ${grades.attendanceRate === null ? 'no registers taken' : `${Math.round(grades.attendanceRate * 100)} %`}`,
    MARGIN,
    { size: 11 },
  );
  y -= 16;
  write(`Grading scale: ${grades.scale.bands.map((b) => `${b.label} from ${b.min} %`).join(', ')}`, MARGIN, { size: 8.5, color: GREY });
  y -= 14;
  write(`Issued ${issuedOn}`, MARGIN, { size: 8.5, color: GREY });
  return doc.save();
}
