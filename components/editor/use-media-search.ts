"use client";

import { useEffect, useReducer, useState } from "react";
import { initialMediaSearch, loadMediaPage, reduceMediaSearch } from "./media-search";

/** Typing waits this long for the next key before it searches. */
const TYPING_PAUSE_MS = 250;

/**
 * The state of one media picker: the library's first page as soon as the picker is shown, a
 * search as the words are typed (the newest answer wins), and the next page on `more`.
 */
export function useMediaSearch() {
  const [state, dispatch] = useReducer(reduceMediaSearch, initialMediaSearch);
  const [request, setRequest] = useState<{ q: string; before: number | null; typed: boolean }>({ q: "", before: null, typed: false });

  useEffect(() => {
    const controller = new AbortController();
    const timer = setTimeout(
      () =>
        void loadMediaPage(request.q, request.before, { signal: controller.signal }).then((page) => {
          if (controller.signal.aborted) return;
          dispatch(page ? { type: "loaded", page, append: request.before !== null } : { type: "failed" });
        }),
      request.typed ? TYPING_PAUSE_MS : 0,
    );
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [request]);

  return {
    ...state,
    search(q: string) {
      dispatch({ type: "typed", q });
      setRequest({ q, before: null, typed: true });
    },
    more() {
      if (state.nextCursor === null || state.status === "loading") return;
      dispatch({ type: "more" });
      setRequest({ q: state.q, before: state.nextCursor, typed: false });
    },
  };
}
