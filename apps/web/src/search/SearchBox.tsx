// The search box in the header: results grouped by kind while one types, arrows and Enter to open
// one, Enter with none chosen for the whole search page. A combobox in the ARIA pattern: the input
// keeps the focus and points at the chosen option with aria-activedescendant. On a phone the header
// has no room, so it shows a button to the search page instead.
import type { SearchResults } from '@edumatrix/contracts';
import { ActionIcon, Box, Group, Loader, Popover, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { useDebouncedValue, useId } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { type KeyboardEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { SearchIcon } from '../people/SearchIcon.tsx';
import { PersonAvatar } from '../social/PersonHeader.tsx';
import { usePhone } from '../ui/FormActions.tsx';
import { errorMessage } from '../ui/problem.ts';
import { Highlighted, plainText, queryWords, snippet } from './highlight.tsx';
import { resultCount, resultPaths, searchPagePath, searchQuery } from './queries.ts';
import classes from './search.module.css';

/** Fewer letters than this match too much to be worth asking about while typing. */
const MIN_LENGTH = 2;
const PER_KIND = 5;

export function HeaderSearch() {
  const phone = usePhone();
  const { pathname } = useLocation();
  // The search page has its own, bigger box.
  if (pathname === '/search') return null;
  if (phone) {
    return (
      <ActionIcon component={Link} to="/search" variant="subtle" color="gray" size={36} radius="xl" aria-label="Search">
        <SearchIcon />
      </ActionIcon>
    );
  }
  return <SearchBox />;
}

type Option = { key: string; path: string; content: ReactNode };
type ResultGroup = { label: string; options: Option[] };

function groupsOf(r: SearchResults, words: string[]): ResultGroup[] {
  const groups: ResultGroup[] = [
    {
      label: 'People',
      options: r.people.map((p) => ({
        key: `person-${p.userId}`,
        path: resultPaths.person(p),
        content: (
          <Group gap="sm" wrap="nowrap">
            <PersonAvatar person={p} size="sm" />
            <Box miw={0}>
              <Text size="sm" fw={600} truncate>
                <Highlighted text={p.displayName} words={words} />
              </Text>
              {p.handle && (
                <Text size="xs" c="dimmed" truncate>
                  @{p.handle}
                </Text>
              )}
            </Box>
          </Group>
        ),
      })),
    },
    {
      label: 'Posts',
      options: r.posts.map((p) => ({
        key: `post-${p.id}`,
        path: resultPaths.post(p),
        content: (
          <Box miw={0}>
            <Text size="sm" lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
              <Highlighted text={snippet(plainText(p.body), words, 120)} words={words} />
            </Text>
            <Text size="xs" c="dimmed" truncate>
              {p.author.displayName}
            </Text>
          </Box>
        ),
      })),
    },
    {
      label: 'Hashtags',
      options: r.hashtags.map((h) => ({
        key: `tag-${h.tag}`,
        path: resultPaths.hashtag(h),
        content: (
          <Group gap="xs" justify="space-between" wrap="nowrap">
            <Text size="sm" fw={600} truncate>
              #<Highlighted text={h.tag} words={words} />
            </Text>
            <Text size="xs" c="dimmed" style={{ flex: 'none' }}>
              {h.posts === 1 ? '1 post' : `${h.posts} posts`}
            </Text>
          </Group>
        ),
      })),
    },
    {
      label: 'Courses',
      options: r.courses.map((c) => ({
        key: `course-${c.courseId}`,
        path: resultPaths.course(c),
        content: (
          <Box miw={0}>
            <Text size="sm" fw={600} truncate>
              <Highlighted text={c.title} words={words} />
            </Text>
            <Text size="xs" c="dimmed" truncate>
              {c.institutionName}
            </Text>
          </Box>
        ),
      })),
    },
  ];
  return groups.filter((g) => g.options.length > 0);
}

export function SearchBox() {
  const navigate = useNavigate();
  const id = useId();
  const listId = `${id}-results`;
  const optionId = (index: number) => `${id}-option-${index}`;
  const input = useRef<HTMLInputElement>(null);
  const [value, setValue] = useState('');
  const [opened, setOpened] = useState(false);
  const [active, setActive] = useState(-1);
  const typed = value.trim();
  const [debounced] = useDebouncedValue(typed, 200);
  const q = debounced.length >= MIN_LENGTH ? debounced : '';
  const results = useQuery(searchQuery(q, PER_KIND));
  // Below two letters nothing is listed, not even a cached answer; above, the last answer stays until the next one comes.
  const data = typed.length >= MIN_LENGTH ? results.data : undefined;
  const words = queryWords(typed);
  const groups = data ? groupsOf(data, words) : [];
  const allResults: Option = {
    key: 'all',
    path: searchPagePath(typed),
    content: (
      <Group gap="xs" wrap="nowrap">
        <SearchIcon />
        <Text size="sm" truncate>
          See all results for “{typed}”
        </Text>
      </Group>
    ),
  };
  const options = [...groups.flatMap((g) => g.options), allResults];
  const show = opened && typed.length >= MIN_LENGTH;

  // A new answer is a new list: nothing in it is chosen yet.
  const [listOf, setListOf] = useState(data);
  if (listOf !== data) {
    setListOf(data);
    setActive(-1);
  }
  useEffect(() => {
    if (show && active >= 0) document.getElementById(`${id}-option-${active}`)?.scrollIntoView({ block: 'nearest' });
  }, [show, active, id]);

  const open = (path: string) => {
    setOpened(false);
    setValue('');
    input.current?.blur();
    void navigate(path);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.nativeEvent.isComposing) return;
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp': {
        if (typed.length < MIN_LENGTH) return;
        event.preventDefault();
        const down = event.key === 'ArrowDown';
        if (!show) {
          setOpened(true);
          setActive(down ? 0 : options.length - 1);
        } else if (down) setActive((a) => (a + 1) % options.length);
        else setActive((a) => (a <= 0 ? options.length - 1 : a - 1));
        break;
      }
      case 'Enter': {
        if (!typed) return;
        event.preventDefault();
        const chosen = show ? options[active] : undefined;
        open(chosen ? chosen.path : searchPagePath(typed));
        break;
      }
      case 'Escape':
        event.preventDefault();
        if (show) setOpened(false);
        else setValue('');
        break;
    }
  };

  const count = data ? resultCount(data) : 0;
  let index = 0;
  const renderOption = (option: Option) => {
    const i = index++;
    return (
      <Box
        key={option.key}
        id={optionId(i)}
        role="option"
        aria-selected={i === active}
        data-active={i === active || undefined}
        className={classes.option}
        // The input keeps the focus, so the list stays open and the keyboard keeps working.
        onMouseDown={(event) => event.preventDefault()}
        onMouseEnter={() => setActive(i)}
        onClick={() => open(option.path)}
      >
        {option.content}
      </Box>
    );
  };

  return (
    <Box className={classes.box}>
      <Popover
        opened={show}
        onChange={setOpened}
        position="bottom-start"
        width={440}
        shadow="md"
        radius="md"
        trapFocus={false}
        returnFocus={false}
        withRoles={false}
        offset={6}
      >
        <Popover.Target>
          <TextInput
            ref={input}
            role="combobox"
            aria-label="Search"
            aria-autocomplete="list"
            aria-expanded={show}
            aria-controls={show ? listId : undefined}
            aria-activedescendant={show && active >= 0 ? optionId(active) : undefined}
            autoComplete="off"
            enterKeyHint="search"
            placeholder="Search people, posts, #tags, courses"
            radius="xl"
            leftSection={<SearchIcon />}
            rightSection={results.isFetching && typed.length >= MIN_LENGTH ? <Loader size={14} /> : null}
            value={value}
            onChange={(event) => {
              setValue(event.currentTarget.value);
              setOpened(event.currentTarget.value.trim().length >= MIN_LENGTH);
            }}
            onFocus={() => setOpened(typed.length >= MIN_LENGTH)}
            onBlur={() => setOpened(false)}
            onKeyDown={onKeyDown}
          />
        </Popover.Target>
        <Popover.Dropdown p={4} className={classes.dropdown}>
          <div id={listId} role="listbox" aria-label="Search results">
            {groups.map((g) => (
              // A group of options in a listbox (a <fieldset> is a form's group, not this).
              <Box key={g.label} role="group" aria-labelledby={`${id}-${g.label}`}>
                <Text id={`${id}-${g.label}`} size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" pt="xs" pb={4}>
                  {g.label}
                </Text>
                {g.options.map(renderOption)}
              </Box>
            ))}
            {!data ? (
              <Text size="sm" c="dimmed" px="sm" py="xs">
                {results.isError ? `Search failed: ${errorMessage(results.error)}` : 'Searching…'}
              </Text>
            ) : (
              count === 0 && (
                <Text size="sm" c="dimmed" px="sm" py="xs">
                  Nothing found for “{typed}”.
                </Text>
              )
            )}
            <div className={classes.more}>{renderOption(allResults)}</div>
          </div>
        </Popover.Dropdown>
      </Popover>
      <VisuallyHidden role="status">
        {show && data ? (count === 0 ? 'No results' : count === 1 ? '1 result' : `${count} results`) : ''}
      </VisuallyHidden>
    </Box>
  );
}
