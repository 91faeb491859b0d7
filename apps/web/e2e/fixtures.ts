// Data the end-to-end tests upload, shared so each journey uses the same files.

const pad = (n: number) => String(n).padStart(2, '0');

/** 50 students; with `bad`, three rows are wrong in different ways (on lines 11, 26 and 41). */
export function studentsCsv(bad: boolean): Buffer {
  const rows = ['student_number,first_name,last_name,date_of_birth,email,status'];
  for (let i = 1; i <= 50; i++) {
    let [first, birth, status] = [`Pupil${pad(i)}`, `2012-03-${pad((i % 28) + 1)}`, 'active'];
    if (bad && i === 10) first = '';
    if (bad && i === 25) birth = '2012-13-45';
    if (bad && i === 40) status = 'expelled';
    rows.push(`S-${pad(i)},${first},Learner${pad(i)},${birth},,${status}`);
  }
  return Buffer.from(`${rows.join('\n')}\n`);
}
