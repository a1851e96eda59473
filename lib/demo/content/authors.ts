import type { SeedAuthor } from "../types";

export const seedAuthors: SeedAuthor[] = [
  {
    slug: "dana-okafor",
    name: "Dana Okafor",
    title: "National correspondent",
    bio: "Dana Okafor covers breaking news and rural affairs across the United States. She previously reported for regional papers in the Mountain West.",
    links: [{ label: "Field notes", url: "https://dana-okafor.example.org/" }],
  },
  {
    slug: "theo-marchetti",
    name: "Theo Marchetti",
    title: "Transportation and infrastructure reporter",
    bio: "Theo Marchetti writes about roads, rails, ports and airlines, and the public money that keeps them running.",
    links: [{ label: "Transit newsletter", url: "https://example.com/newsletters/rail-and-road" }],
  },
  {
    slug: "marcus-lindqvist",
    name: "Marcus Lindqvist",
    title: "Foreign correspondent",
    bio: "Marcus Lindqvist reports on international affairs, development and disasters, and has filed from more than forty countries.",
    links: [{ label: "Dispatches archive", url: "https://marcus-lindqvist.example.org/" }, { label: "Photo journal", url: "https://photos.example.com/mlindqvist" }],
  },
  {
    slug: "priya-raman",
    name: "Priya Raman",
    title: "Washington correspondent",
    bio: "Priya Raman covers Congress, federal agencies and elections. She joined the Washington bureau after a decade covering state politics.",
    links: [{ label: "Capitol notebook", url: "https://priya-raman.example.org/" }],
  },
  {
    slug: "elena-vasquez-hart",
    name: "Elena Vasquez-Hart",
    title: "Business and markets correspondent",
    bio: "Elena Vasquez-Hart writes about financial markets, interest rates, retail and the technology industry.",
    links: [{ label: "Market charts", url: "https://example.com/charts/evh" }],
  },
  {
    slug: "nadia-brennan",
    name: "Nadia Brennan",
    title: "Science and health reporter",
    bio: "Nadia Brennan covers medical research, public health and the sciences. She trained as a biologist before turning to journalism.",
    links: [{ label: "Reading list", url: "https://nadia-brennan.example.org/reading" }, { label: "Lab-to-page talks", url: "https://talks.example.com/nadia-brennan" }],
  },
  {
    slug: "samuel-achterberg",
    name: "Samuel Achterberg",
    title: "Climate and environment reporter",
    bio: "Samuel Achterberg reports on climate, energy and agriculture, with a focus on how communities adapt to drought, heat and storms.",
    links: [{ label: "Drought tracker", url: "https://example.org/drought-tracker" }],
  },
  {
    slug: "jordan-castellano",
    name: "Jordan Castellano",
    title: "Sports writer",
    bio: "Jordan Castellano covers professional and college sports, including the business and labor side of the games.",
    links: [{ label: "Box scores blog", url: "https://jordan-castellano.example.com/" }],
  },
  {
    slug: "iris-fairweather",
    name: "Iris Fairweather",
    title: "Arts and culture writer",
    bio: "Iris Fairweather writes about theater, music, libraries and the cultural institutions of cities large and small.",
    links: [{ label: "Stage diary", url: "https://iris-fairweather.example.org/" }],
  },
];
