import type { SeedAuthor } from "../types";

export const seedAuthors: SeedAuthor[] = [
  {
    slug: "dana-okafor",
    name: "Dana Okafor",
    title: "National correspondent",
    bio: "Dana Okafor covers breaking news and rural affairs across the United States. She previously reported for regional papers in the Mountain West.",
  },
  {
    slug: "theo-marchetti",
    name: "Theo Marchetti",
    title: "Transportation and infrastructure reporter",
    bio: "Theo Marchetti writes about roads, rails, ports and airlines, and the public money that keeps them running.",
  },
  {
    slug: "marcus-lindqvist",
    name: "Marcus Lindqvist",
    title: "Foreign correspondent",
    bio: "Marcus Lindqvist reports on international affairs, development and disasters, and has filed from more than forty countries.",
  },
  {
    slug: "priya-raman",
    name: "Priya Raman",
    title: "Washington correspondent",
    bio: "Priya Raman covers Congress, federal agencies and elections. She joined the Washington bureau after a decade covering state politics.",
  },
  {
    slug: "elena-vasquez-hart",
    name: "Elena Vasquez-Hart",
    title: "Business and markets correspondent",
    bio: "Elena Vasquez-Hart writes about financial markets, interest rates, retail and the technology industry.",
  },
  {
    slug: "nadia-brennan",
    name: "Nadia Brennan",
    title: "Science and health reporter",
    bio: "Nadia Brennan covers medical research, public health and the sciences. She trained as a biologist before turning to journalism.",
  },
  {
    slug: "samuel-achterberg",
    name: "Samuel Achterberg",
    title: "Climate and environment reporter",
    bio: "Samuel Achterberg reports on climate, energy and agriculture, with a focus on how communities adapt to drought, heat and storms.",
  },
  {
    slug: "jordan-castellano",
    name: "Jordan Castellano",
    title: "Sports writer",
    bio: "Jordan Castellano covers professional and college sports, including the business and labor side of the games.",
  },
  {
    slug: "iris-fairweather",
    name: "Iris Fairweather",
    title: "Arts and culture writer",
    bio: "Iris Fairweather writes about theater, music, libraries and the cultural institutions of cities large and small.",
  },
];
